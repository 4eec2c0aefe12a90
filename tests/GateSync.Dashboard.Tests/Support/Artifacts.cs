namespace GateSync.Dashboard.Tests.Support;

/// <summary>
/// Where screenshots go: <c>$TEST_RESULTS_DIR/screenshots</c> (scripts/test.sh sets it), else
/// <c>artifacts/test-results/screenshots</c> in the repository; the README's overview goes to <c>docs/screenshots</c>.
/// </summary>
internal static class Artifacts
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ScreenshotDirectory
    {
        get
        {
            var results = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR");
            var root = string.IsNullOrEmpty(results)
                ? Path.Combine(RepositoryRoot, "artifacts", "test-results")
                : Path.GetFullPath(results, RepositoryRoot);
            var directory = Path.Combine(root, "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public static string Screenshot(string name) => Path.Combine(ScreenshotDirectory, name + ".png");

    public static string DocsScreenshot(string name)
    {
        var directory = Path.Combine(RepositoryRoot, "docs", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }

    // This source file's own path first: builds with --artifacts-path run from outside the repository.
    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "") =>
        RootAbove(Path.GetDirectoryName(sourceFile)) ?? RootAbove(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();

    private static string? RootAbove(string? start)
    {
        for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GateSync.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
