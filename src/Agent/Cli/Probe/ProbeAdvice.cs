using System.Globalization;
using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Cli.Probe;

/// <summary>What a probe's outcome means and what to do about it, in words for the person at the terminal.</summary>
public static class ProbeAdvice
{
    private const string StopService = "If the gatesync-agent service is running it holds the port too: sudo systemctl stop gatesync-agent, then probe again.";

    public static string Diagnose(ProbeReport report, string port, int baud, string userName, TimeSpan answerTimeout)
    {
        ArgumentNullException.ThrowIfNull(report);
        var other = baud == 9600 ? 115200 : 9600;
        return report.Outcome switch
        {
            ProbeOutcome.NoDevice =>
                $"There is no device at {port}. Run `gatesync-agent devices` to list the serial ports on this machine.",
            ProbeOutcome.PermissionDenied =>
                $"Permission denied opening {port}: serial ports belong to the dialout group. Add yourself to it:\n"
                + $"  sudo usermod -aG dialout {userName}\n"
                + "then log out and back in (or run `newgrp dialout`) and probe again.",
            ProbeOutcome.CannotOpen =>
                $"Cannot open {port}: {report.Detail}\n{StopService}",
            ProbeOutcome.NoAnswer =>
                $"No answer from {port} at {baud} baud within {answerTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: wrong port or wrong speed.\n"
                + "  - Wrong port? Run `gatesync-agent devices`; an LCUS relay board is a CH340 too, and it never answers a SAM command.\n"
                + $"  - Wrong speed? Some readers talk at {other} baud: gatesync-agent probe {port} --baud {other}\n"
                + $"  - {StopService}",
            ProbeOutcome.Garbled =>
                $"Something answered on {port}, but garbled (bad checksum): most likely the wrong speed. Try: gatesync-agent probe {port} --baud {other}",
            ProbeOutcome.SamNotReady =>
                $"SAM reader answered (status {Hex(report.Status)}) but it is not ready: {Meaning(report.Status)}",
            _ => Answered(report.Status),
        };
    }

    public static string Answered(SamStatus? status) => $"SAM reader answered (status {Hex(status)})";

    private static string Hex(SamStatus? status) => status is { } s ? ((byte)s).ToString("X2", CultureInfo.InvariantCulture) : "--";

    private static string Meaning(SamStatus? status) => status switch
    {
        SamStatus.SamSelfTestFailed => "the SAM module failed its self-test; the reader needs repair by its vendor.",
        SamStatus.SamNotAuthorised => "the SAM module is not authorised; the reader must be activated by its vendor.",
        _ => $"{status}. Unplug the reader for ten seconds and probe again; if it stays, the reader needs its vendor.",
    };
}
