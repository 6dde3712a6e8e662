namespace OmniBot.Server.Pulls;

public enum PullState
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
