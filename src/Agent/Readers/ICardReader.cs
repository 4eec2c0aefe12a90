using System.Threading.Channels;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers;

/// <summary>
/// One physical (or simulated) reader at a door. It writes one <see cref="CardSwipe"/> per card
/// presence into the agent's swipe channel and reports its health through <see cref="State"/>.
/// </summary>
public interface ICardReader
{
    string ReaderId { get; }

    ReaderState State { get; }

    /// <summary>Runs until cancelled; survives device errors by reporting them in <see cref="State"/> and retrying.</summary>
    Task RunAsync(ChannelWriter<CardSwipe> swipes, CancellationToken cancellationToken);
}

/// <summary>A card presented at a reader, before the outbox gives it a <c>seq</c>.</summary>
public sealed record CardSwipe(string ReaderId, Direction Direction, CardData Card, DateTimeOffset OccurredAt);
