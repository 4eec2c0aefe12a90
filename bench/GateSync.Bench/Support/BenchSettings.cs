namespace GateSync.Bench.Support;

/// <summary>
/// How long and how big each scenario runs. The full run keeps the sizes (30 s of sustained ingest,
/// 100,000 queued check-ins, 60,000 registrations and 2,000,000 check-ins) and stays under about 8 minutes;
/// <c>--quick</c> is a smoke run of a few seconds each whose figures are not to be quoted.
/// </summary>
public sealed record BenchSettings
{
    public bool Quick { get; init; }

    public TimeSpan IngestWarmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan IngestSustained { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RawInsertDuration { get; init; } = TimeSpan.FromSeconds(8);

    public int BacklogCheckIns { get; init; } = 100_000;

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(150);

    public TimeSpan BarePublishDuration { get; init; } = TimeSpan.FromSeconds(8);

    public TimeSpan AgentIdle { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan AgentUnderLoad { get; init; } = TimeSpan.FromSeconds(40);

    public double SwipesPerSecond { get; init; } = 5;

    public int FindingSamples { get; init; } = 5;

    public int Registrations { get; init; } = 60_000;

    public int RebuildCheckIns { get; init; } = 2_000_000;

    public int IncrementalCheckIns { get; init; } = 20_000;

    public static BenchSettings Full { get; } = new();

    public static BenchSettings Smoke { get; } = new()
    {
        Quick = true,
        IngestWarmup = TimeSpan.FromSeconds(1),
        IngestSustained = TimeSpan.FromSeconds(4),
        RawInsertDuration = TimeSpan.FromSeconds(2),
        BacklogCheckIns = 10_000,
        DrainTimeout = TimeSpan.FromSeconds(40),
        BarePublishDuration = TimeSpan.FromSeconds(2),
        AgentIdle = TimeSpan.FromSeconds(4),
        AgentUnderLoad = TimeSpan.FromSeconds(5),
        FindingSamples = 2,
        Registrations = 6_000,
        RebuildCheckIns = 200_000,
        IncrementalCheckIns = 5_000,
    };
}
