namespace GateSync.Agent.Cli.Service;

/// <summary>Whether a user account exists, from <c>/etc/passwd</c> (service accounts are local).</summary>
public static class LocalUsers
{
    public static bool Exists(string userName) => Exists(userName, "/etc/passwd");

    public static bool Exists(string userName, string passwdFile)
    {
        try
        {
            var prefix = userName + ":";
            return File.ReadLines(passwdFile).Any(line => line.StartsWith(prefix, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
