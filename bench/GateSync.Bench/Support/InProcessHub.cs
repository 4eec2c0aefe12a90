using System.Net;
using GateSync.Hub;
using GateSync.Hub.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GateSync.Bench.Support;

/// <summary>
/// The real hub built by <see cref="HubApp.Build"/>, in this process, subscribed at an external broker (Mosquitto),
/// with every feature on: dedup through the store's seq ranges, reconciliation on each committed batch.
/// </summary>
public sealed class InProcessHub : IAsyncDisposable
{
    public const string AdminToken = "bench-admin-token-0123456789abcdef";

    private readonly WebApplication app;
    private int disposed;

    private InProcessHub(WebApplication app, string dataDirectory, CommitCounter counter)
    {
        this.app = app;
        DataDirectory = dataDirectory;
        Counter = counter;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public string DataDirectory { get; }

    public CommitCounter Counter { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<InProcessHub> StartAsync(string brokerHost, int brokerPort, string dataDirectory, string clientId = "gatesync-hub-bench")
    {
        var counter = new CommitCounter();
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Hub:DataDirectory", dataDirectory,
            "--Hub:Auth:BootstrapAdminToken", AdminToken,
            "--Hub:Mqtt:Mode", "External",
            "--Hub:Mqtt:External:Host", brokerHost,
            "--Hub:Mqtt:External:Port", brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Hub:Mqtt:External:ClientId", clientId,
            // Given here rather than trusted to an appsettings.json copied beside the bench.
            "--Hub:Ingest:BatchSize", "500",
            "--Hub:Ingest:MaxBatchDelayMs", "0",
            "--Hub:District:AreaCode", SyntheticPeople.AreaCode,
            "--Hub:District:TimeZone", "Asia/Shanghai",
            // Warnings only: the bench prints its own lines; the hub logs no per-check-in line at Information either.
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore", "Warning",
        ];
        var app = HubApp.Build(args, builder => builder.Services.AddSingleton<ICommittedCheckInsObserver>(counter));
        await app.StartAsync();
        var hub = new InProcessHub(app, dataDirectory, counter);
        await Poll.UntilAsync(
            async () => (await hub.Http.GetAsync(new Uri("/api/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            "hub health 200 (store open, ingest subscribed)");
        return hub;
    }

    public T Get<T>()
        where T : notnull => app.Services.GetRequiredService<T>();

    /// <summary>Stops the hub; again does nothing (a scenario may stop it before its <c>await using</c> ends).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
