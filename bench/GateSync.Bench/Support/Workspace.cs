namespace GateSync.Bench.Support;

/// <summary>The run's temporary directories, removed at the end; scenarios may leave data for later ones (the hub's store).</summary>
public sealed class Workspace : IDisposable
{
    public Workspace() => Root = System.IO.Directory.CreateTempSubdirectory("gatesync-bench-").FullName;

    public string Root { get; }

    /// <summary>The ingest scenario's hub data directory, read again by the reconciliation scenario.</summary>
    public string? IngestStore { get; set; }

    public string Directory(string name) => System.IO.Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it lives under the system temp folder.
        }
    }
}
