using System.Text;

namespace GateSync.Agent.Cli.Service;

/// <summary>
/// The agent's systemd unit: the template shipped in <c>config/systemd/gatesync-agent.service</c> (embedded in
/// this assembly, so there is one source), with this install's paths and user put in.
/// </summary>
public static class SystemdUnit
{
    public const string ServiceName = "gatesync-agent";

    public const string FileName = ServiceName + ".service";

    private const string TemplateResource = "GateSync.Agent.Cli.Service.gatesync-agent.service";

    public static string Template()
    {
        using var stream = typeof(SystemdUnit).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"the unit template {TemplateResource} is not embedded in the agent");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static string Render(ServiceSettings settings) => Render(Template(), settings);

    /// <summary>Replaces the template's install-specific lines; everything else (restart policy, groups) stays as shipped.</summary>
    public static string Render(string template, ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(settings);
        var replacements = new (string Prefix, string Line)[]
        {
            ("User=", $"User={settings.User}"),
            ("WorkingDirectory=", $"WorkingDirectory={Quote(settings.Install.Directory)}"),
            // A native AOT agent has no dotnet host (empty): the unit runs its executable directly.
            ("ExecStart=", settings.Install.DotnetHost.Length == 0
                ? $"ExecStart={Quote(settings.Install.AgentAssembly)} --settings {Quote(settings.SettingsFile)}"
                : $"ExecStart={Quote(settings.Install.DotnetHost)} {Quote(settings.Install.AgentAssembly)} --settings {Quote(settings.SettingsFile)}"),
            ("Environment=Agent__DataDirectory=", $"Environment={Quote("Agent__DataDirectory=" + settings.DataDirectory)}"),
        };

        var lines = template.ReplaceLineEndings("\n").Split('\n');
        foreach (var (prefix, line) in replacements)
        {
            var index = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (index < 0)
            {
                throw new InvalidOperationException($"the unit template has no '{prefix}' line to fill in");
            }

            lines[index] = line;
        }

        return string.Join('\n', lines);
    }

    /// <summary>systemd splits <c>ExecStart</c> at spaces unless the word is double-quoted.</summary>
    private static string Quote(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\\')
            ? "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : value;
}

/// <summary>What goes into this install's unit.</summary>
public sealed record ServiceSettings(AgentInstall Install, string SettingsFile, string DataDirectory, string User);
