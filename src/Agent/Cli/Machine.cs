using GateSync.Agent.Cli.Service;
using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Cli;

/// <summary>
/// The machine the landlord's commands look at and change: device trees, serial ports, systemd.
/// Every part can be replaced, so tests run the commands against fake trees and a fake systemctl.
/// </summary>
public sealed record Machine
{
    /// <summary>Where device nodes live; a temp directory in tests.</summary>
    public string DevRoot { get; init; } = "/dev";

    /// <summary>Where sysfs is mounted; a temp directory in tests.</summary>
    public string SysRoot { get; init; } = "/sys";

    /// <summary>Opens a serial device at a baud rate; the real serial port by default.</summary>
    public Func<string, int, ISerialLinkFactory> SerialPorts { get; init; } = (device, baud) => new SerialPortLinkFactory(device, baud);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long a SAM is given to answer; the reader's own defaults.</summary>
    public SamTimings SamTimings { get; init; } = new();

    /// <summary>The person at the terminal, named in the dialout advice.</summary>
    public string UserName { get; init; } = Environment.UserName;

    public bool IsRoot { get; init; } = Environment.IsPrivilegedProcess;

    /// <summary>Whether systemd runs this machine (the check <c>sd_booted</c> makes).</summary>
    public bool HasSystemd { get; init; } = Directory.Exists("/run/systemd/system");

    public Func<string, bool> UserExists { get; init; } = LocalUsers.Exists;

    public ISystemctl Systemctl { get; init; } = new ProcessSystemctl();

    /// <summary>Where <c>install-service</c> writes the unit unless told otherwise.</summary>
    public string UnitDirectory { get; init; } = "/etc/systemd/system";

    /// <summary>The program to put in <c>ExecStart</c>: the dotnet host and this agent's assembly.</summary>
    public AgentInstall Install { get; init; } = AgentInstall.Current();
}
