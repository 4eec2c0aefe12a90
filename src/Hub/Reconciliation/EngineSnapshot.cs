using System.Text;
using GateSync.Contracts.Wire;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// The engine's state as check-ins built it, saved so that a restart need not read every stored check-in again: the
/// persons' sightings (<see cref="SightingStateFormat"/>) and which check-ins they cover (<see cref="AppliedCheckIns"/>).
/// Registrations, site reports and open findings are not in it: a restart reads those from their own stores, which
/// are small. Valid only for the district settings that shaped it (which ID numbers are locals, which zone counts days).
/// </summary>
internal static class EngineSnapshot
{
    /// <summary>Raised whenever the layout changes; a state of another version is not read (the hub reads the store instead).</summary>
    public const int Version = 1;

    private static readonly byte[] Magic = "GSES"u8.ToArray();
    private static readonly byte[] End = "END."u8.ToArray();

    /// <summary>What the settings say that decides what a saved state holds.</summary>
    public static string ShapeOf(ReconciliationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"area {settings.AreaCode}, zone {settings.TimeZone}";
    }

    public static void WriteHeader(BinaryWriter writer, string shape, DateTimeOffset savedAt, AppliedCheckIns applied)
    {
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(shape);
        writer.Write(savedAt.UtcTicks);
        writer.Write7BitEncodedInt(applied.ByAgent.Count);
        foreach (var (agentId, ranges) in applied.ByAgent)
        {
            writer.Write(agentId);
            writer.Write7BitEncodedInt(ranges.Ranges.Count);
            foreach (var range in ranges.Ranges)
            {
                writer.Write7BitEncodedInt64(range.From);
                writer.Write7BitEncodedInt64(range.To);
            }
        }
    }

    public static void WriteEnd(BinaryWriter writer) => writer.Write(End);

    /// <summary>
    /// The header of a saved state, or why it cannot be used. The persons follow in <paramref name="reader"/>
    /// (<see cref="SightingStateFormat.Read"/>), then the end mark (<see cref="ReadEnd"/>).
    /// </summary>
    public static Header? ReadHeader(BinaryReader reader, string expectedShape, out string? unusable)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            unusable = "not a saved reconciliation state";
            return null;
        }

        if (reader.ReadInt32() is var version && version != Version)
        {
            unusable = $"saved by format version {version}, this hub reads {Version}";
            return null;
        }

        if (reader.ReadString() is var shape && shape != expectedShape)
        {
            unusable = $"saved for {shape}, the settings now say {expectedShape}";
            return null;
        }

        var savedAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        var agents = new List<KeyValuePair<string, SeqRanges>>();
        for (var i = reader.Read7BitEncodedInt(); i > 0; i--)
        {
            var agentId = reader.ReadString();
            var ranges = new List<SeqRange>();
            for (var r = reader.Read7BitEncodedInt(); r > 0; r--)
            {
                ranges.Add(new SeqRange(reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64()));
            }

            agents.Add(new(agentId, SeqRanges.From(ranges)));
        }

        unusable = null;
        return new Header(savedAt, AppliedCheckIns.Of(agents));
    }

    /// <summary>Throws when the state was cut short (it is written whole in one transaction, so this means damage).</summary>
    public static void ReadEnd(BinaryReader reader)
    {
        if (!reader.ReadBytes(End.Length).AsSpan().SequenceEqual(End))
        {
            throw new InvalidDataException("The saved reconciliation state ends early");
        }
    }

    public static BinaryWriter Writer(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    public static BinaryReader Reader(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    public sealed record Header(DateTimeOffset SavedAt, AppliedCheckIns Applied);
}
