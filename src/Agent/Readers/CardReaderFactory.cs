using GateSync.Agent.Readers.Evdev;
using GateSync.Agent.Readers.Line;
using GateSync.Agent.Readers.Sam;
using GateSync.Agent.Readers.Simulated;

namespace GateSync.Agent.Readers;

/// <summary>Makes the <see cref="ICardReader"/> for one entry of <c>Agent:Readers</c>, by its <see cref="ReaderKind"/>.</summary>
/// <param name="doors">Where card UIDs and badges read by line and keyboard readers go; none registered means no door listens.</param>
public sealed class CardReaderFactory(TimeProvider time, ILoggerFactory loggers, IAccessTokenSink? doors = null)
{
    public ICardReader Create(ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            ReaderKind.Simulated => new SimulatedReader(options, time, loggers.CreateLogger<SimulatedReader>()),
            ReaderKind.Sam => new SamReader(options, time, loggers.CreateLogger<SamReader>()),
            ReaderKind.LineSerial => new LineSerialReader(options, time, loggers.CreateLogger<LineSerialReader>(), doors),
            ReaderKind.EvdevKeyboard => new EvdevKeyboardReader(options, time, loggers.CreateLogger<EvdevKeyboardReader>(), doors),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "no reader of this kind"),
        };
    }
}
