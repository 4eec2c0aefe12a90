using System.Threading.Channels;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers.Simulated;

/// <summary>
/// A reader without hardware, for demos and tests: people from <see cref="SimulatedPopulation"/> swipe at random
/// intervals averaging <see cref="ReaderOptions.SwipesPerMinute"/>, timed by the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class SimulatedReader : ICardReader
{
    private readonly ReaderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SimulatedReader> _logger;
    private readonly Random _timing;

    public SimulatedReader(ReaderOptions options, TimeProvider time, ILogger<SimulatedReader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        People = SimulatedPopulation.Create(options.Seed, options.People);

        // Separate from the people's random source, so changing the rate does not change who exists.
        _timing = new Random(unchecked(options.Seed * 7919 + 17));
    }

    public string ReaderId => _options.ReaderId;

    public ReaderState State => ReaderState.Ok;

    public IReadOnlyList<CardData> People { get; }

    public async Task RunAsync(ChannelWriter<CardSwipe> swipes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(swipes);
        LogSimulating(_logger, ReaderId, People.Count, _options.SwipesPerMinute);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(NextInterval(), _time, cancellationToken).ConfigureAwait(false);
            var card = People[_timing.Next(People.Count)];
            await swipes.WriteAsync(new CardSwipe(ReaderId, _options.Direction, card, _time.GetLocalNow()), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Exponentially distributed gaps: people arrive independently, not on a metronome.</summary>
    private TimeSpan NextInterval()
    {
        var meanSeconds = 60.0 / _options.SwipesPerMinute;
        var seconds = -Math.Log(1.0 - _timing.NextDouble()) * meanSeconds;
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 0.05, meanSeconds * 10));
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Simulated reader {ReaderId}: {People} people, about {SwipesPerMinute} swipes a minute")]
    private static partial void LogSimulating(ILogger logger, string readerId, int people, double swipesPerMinute);
}
