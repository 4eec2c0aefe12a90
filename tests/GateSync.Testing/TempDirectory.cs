namespace GateSync.Testing;

/// <summary>A fresh directory under the system temp path, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <param name="prefix">Names the directory after its user, so a leftover one says where it came from.</param>
    public TempDirectory(string prefix = "gatesync-tests-")
    {
        // Not Directory.CreateTempSubdirectory: its mode 0700 would keep out a Mosquitto that dropped root to read its files.
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being torn down; the OS temp cleaner gets it.
        }
    }
}
