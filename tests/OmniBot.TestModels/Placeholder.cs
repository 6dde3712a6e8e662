namespace OmniBot.TestModels; internal static class Placeholder { }
