namespace OmniBot.Models; internal static class Placeholder { }
