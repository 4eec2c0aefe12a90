using System.Runtime.CompilerServices;

namespace GateSync.Agent.Tests.Cli;

/// <summary>Files of this repository (the shipped examples), found above this source file as it was compiled.</summary>
public static class RepositoryFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root(), .. parts]);

    // The build may put its output anywhere (--artifacts-path), so start from where this file was compiled;
    // the output and working directories are fallbacks for builds that map source paths.
    private static string Root([CallerFilePath] string source = "")
    {
        string[] starts = [System.IO.Path.GetDirectoryName(source) ?? "/", AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "GateSync.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"no GateSync.sln above {string.Join(", ", starts)}");
    }
}
