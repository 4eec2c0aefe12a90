using System.Globalization;
using System.Text;
using GateSync.Contracts.Wire;

namespace GateSync.Bench.Support;

/// <summary>
/// Contract check-in payloads for one agent, made fast enough that the publishers do not compete with the hub
/// for the CPU: each person's check-in is serialised once with marker values, and a payload is the bytes around
/// the markers with the seq's digits and the swipe time put in their place.
/// </summary>
/// <remarks>
/// The swipe time advances with the seq, as an agent's do (a backlog drains in the order it was swiped), across
/// <c>occurredDaysBack</c> days so reconciliation sees stays, not one day. Earlier runs gave each person one fixed
/// time, which made the store's OccurredAt index take the same few thousand keys over and over, a load no site makes.
/// </remarks>
public sealed class CheckInPayloads
{
    private const long MarkerSeq = 987_654_321_987;
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";
    private static readonly DateTimeOffset MarkerTime = new(2099, 9, 9, 9, 9, 9, 123, TimeSpan.FromHours(8));
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private readonly (byte[] Before, byte[] Between, byte[] After)[] templates;
    private readonly DateTimeOffset firstSwipe;
    private readonly long swipesInSpan;

    /// <param name="occurredDaysBack">Check-ins are spread over this many past days, so reconciliation sees stays, not one day.</param>
    public CheckInPayloads(string siteId, string agentId, IReadOnlyList<CardData> people, DateTimeOffset now, int occurredDaysBack)
    {
        SiteId = siteId;
        AgentId = agentId;
        Topic = Topics.CheckIn(siteId, agentId);
        var days = Math.Max(1, occurredDaysBack);
        firstSwipe = now.ToOffset(TimeSpan.FromHours(8)).AddDays(-days);
        swipesInSpan = (long)(TimeSpan.FromDays(days) / Step);
        templates = new (byte[], byte[], byte[])[people.Count];
        var seqMarker = Encoding.ASCII.GetBytes(MarkerSeq.ToString(CultureInfo.InvariantCulture));
        var timeMarker = Encoding.ASCII.GetBytes(MarkerTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
        for (var i = 0; i < people.Count; i++)
        {
            var checkIn = new CheckIn
            {
                AgentId = agentId,
                SiteId = siteId,
                Seq = MarkerSeq,
                ReaderId = "gate-1",
                Direction = i % 2 == 0 ? Direction.In : Direction.Out,
                OccurredAt = MarkerTime,
                Card = people[i],
                Access = AccessDecision.Granted,
            };
            var bytes = ContractJson.Serialize(checkIn);
            var seqAt = bytes.AsSpan().IndexOf(seqMarker);
            var timeAt = bytes.AsSpan().IndexOf(timeMarker);
            if (seqAt < 0 || timeAt < seqAt)
            {
                throw new InvalidOperationException("the contract's JSON no longer writes seq before occurredAt as expected");
            }

            templates[i] = (bytes[..seqAt], bytes[(seqAt + seqMarker.Length)..timeAt], bytes[(timeAt + timeMarker.Length)..]);
        }
    }

    public string SiteId { get; }

    public string AgentId { get; }

    public string Topic { get; }

    /// <summary>When the check-in with <paramref name="seq"/> was swiped: a step later than the one before, wrapping at the span.</summary>
    public DateTimeOffset OccurredAtFor(long seq) => firstSwipe + (Step * (seq % swipesInSpan));

    /// <summary>The check-in with <paramref name="seq"/>, by a person chosen from the seq.</summary>
    public byte[] For(long seq)
    {
        var (before, between, after) = templates[(int)(seq % templates.Length)];
        Span<byte> digits = stackalloc byte[20];
        seq.TryFormat(digits, out var digitCount, provider: CultureInfo.InvariantCulture);
        Span<byte> time = stackalloc byte[40];
        OccurredAtFor(seq).TryFormat(time, out var timeLength, TimeFormat, CultureInfo.InvariantCulture);

        var payload = new byte[before.Length + digitCount + between.Length + timeLength + after.Length];
        var at = Append(payload, 0, before);
        at = Append(payload, at, digits[..digitCount]);
        at = Append(payload, at, between);
        at = Append(payload, at, time[..timeLength]);
        Append(payload, at, after);
        return payload;
    }

    /// <summary>The check-in with <paramref name="seq"/> as text, as the agent's outbox stores it.</summary>
    public string TextFor(long seq) => Encoding.UTF8.GetString(For(seq));

    private static int Append(byte[] payload, int at, ReadOnlySpan<byte> part)
    {
        part.CopyTo(payload.AsSpan(at));
        return at + part.Length;
    }
}
