namespace GateSync.Agent.Cli;

/// <summary>Exit codes of the landlord's commands, so scripts can tell a refusal from a device fault.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The check failed: bad settings, a reader that did not answer, no card read.</summary>
    public const int Failed = 1;

    /// <summary>The command cannot run here: not root, no systemd, no such device, permission denied.</summary>
    public const int CannotRun = 2;
}
