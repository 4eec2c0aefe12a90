using System.CommandLine;
using System.Globalization;
using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Cli.Probe;

/// <summary><c>probe &lt;port&gt;</c>: is a SAM ID-card reader on this port, does it read a card, and what to put in the settings.</summary>
public static class ProbeCommand
{
    public static Command Create(Machine machine)
    {
        var port = new Argument<string>("port") { Description = "The serial port, e.g. /dev/ttyUSB0 or a /dev/serial/by-id/... link (see `devices`)." };
        var baud = new Option<int>("--baud")
        {
            Description = "Speed of the reader's serial line; most readers use 115200, some older ones 9600.",
            DefaultValueFactory = _ => 115200,
        };
        baud.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--baud must be a positive speed, e.g. 115200 or 9600.");
            }
        });
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for a card after the reader answered; 0 only checks that the reader answers.",
            DefaultValueFactory = _ => 30,
        };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--timeout must be 0 or more seconds.");
            }
        });
        var show = new Option<bool>("--show") { Description = "Show the card's personal data unmasked, on this terminal only." };

        var command = new Command("probe", "Check that a SAM ID-card reader answers on a port, read one card, and print its settings.")
        {
            port, baud, timeout, show,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            machine, parse.GetRequiredValue(port), parse.GetValue(baud), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(show),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static void AskForCard(TextWriter output, SamStatus status, TimeSpan cardWait)
    {
        output.WriteLine(ProbeAdvice.Answered(status));
        if (cardWait > TimeSpan.Zero)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Place an ID card on the reader (waiting up to {cardWait.TotalSeconds} s)..."));
        }
    }

    private static async Task<int> RunAsync(
        Machine machine, string port, int baud, TimeSpan cardWait, bool reveal, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        output.WriteLine($"Probing {port} at {baud} baud...");
        var probe = new SamProbe(machine.SerialPorts(port, baud), machine.SamTimings, machine.Time);
        var report = await probe.RunAsync(cardWait, status => AskForCard(output, status, cardWait), cancellationToken).ConfigureAwait(false);
        if (!report.SamFound)
        {
            error.WriteLine(ProbeAdvice.Diagnose(report, port, baud, machine.UserName, machine.SamTimings.CommandTimeout));
            return report.Outcome is ProbeOutcome.NoDevice or ProbeOutcome.PermissionDenied or ProbeOutcome.CannotOpen
                ? ExitCodes.CannotRun
                : ExitCodes.Failed;
        }

        if (report.Card is { } card)
        {
            output.WriteLine("Card read:");
            CardDisplay.Write(output, card, reveal);
        }
        else if (report.Outcome == ProbeOutcome.NoCard)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"No card was read within {cardWait.TotalSeconds} s. The reader answers, so port and speed are right: lay the card flat on the reader's marked area and probe again."));
            if (report.Detail is { } detail)
            {
                output.WriteLine($"  (last problem: {detail})");
            }
        }

        output.WriteLine();
        output.WriteLine("Settings for this reader (merge into your settings file, then run check-settings):");
        output.WriteLine(ReaderSnippet.For(port, baud, machine));
        return report.Outcome == ProbeOutcome.NoCard ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
