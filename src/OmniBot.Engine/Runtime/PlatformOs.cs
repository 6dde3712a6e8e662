namespace OmniBot.Engine.Runtime;

internal enum PlatformOs
{
    Linux,
    Windows,
    MacOS,
    Other,
}
