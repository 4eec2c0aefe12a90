using System.Text;
using GateSync.Contracts.Wire;

namespace GateSync.Bench.Support;

/// <summary>
/// Contract check-in payloads for one agent, made fast enough that the publishers do not compete with the hub
/// for the CPU: each person's check-in is serialised once with a marker seq, and a payload is the bytes before
/// the marker, the seq's digits and the bytes after it.
/// </summary>
public sealed class CheckInPayloads
{
    private const long MarkerSeq = 987_654_321_987;
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes(MarkerSeq.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private readonly (byte[] Before, byte[] After)[] templates;

    /// <param name="occurredDaysBack">Check-ins are spread over this many past days, so reconciliation sees stays, not one day.</param>
    public CheckInPayloads(string siteId, string agentId, IReadOnlyList<CardData> people, DateTimeOffset now, int occurredDaysBack)
    {
        SiteId = siteId;
        AgentId = agentId;
        Topic = Topics.CheckIn(siteId, agentId);
        templates = new (byte[], byte[])[people.Count];
        for (var i = 0; i < people.Count; i++)
        {
            var checkIn = new CheckIn
            {
                AgentId = agentId,
                SiteId = siteId,
                Seq = MarkerSeq,
                ReaderId = "gate-1",
                Direction = i % 2 == 0 ? Direction.In : Direction.Out,
                OccurredAt = now.ToOffset(TimeSpan.FromHours(8)).AddDays(-(i % Math.Max(1, occurredDaysBack))).AddMinutes(-i),
                Card = people[i],
                Access = AccessDecision.Granted,
            };
            var bytes = ContractJson.Serialize(checkIn);
            var at = bytes.AsSpan().IndexOf(Marker);
            templates[i] = (bytes[..at], bytes[(at + Marker.Length)..]);
        }
    }

    public string SiteId { get; }

    public string AgentId { get; }

    public string Topic { get; }

    /// <summary>The check-in with <paramref name="seq"/>, by a person chosen from the seq.</summary>
    public byte[] For(long seq)
    {
        var (before, after) = templates[(int)(seq % templates.Length)];
        Span<byte> digits = stackalloc byte[20];
        seq.TryFormat(digits, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
        var payload = new byte[before.Length + length + after.Length];
        before.CopyTo(payload, 0);
        digits[..length].CopyTo(payload.AsSpan(before.Length));
        after.CopyTo(payload, before.Length + length);
        return payload;
    }

    /// <summary>The check-in with <paramref name="seq"/> as text, as the agent's outbox stores it.</summary>
    public string TextFor(long seq) => Encoding.UTF8.GetString(For(seq));
}
