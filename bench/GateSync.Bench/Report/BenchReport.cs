using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateSync.Bench.Report;

/// <summary>Every figure of one run, with the notes that say where the time went; printed as a table and written as JSON and Markdown.</summary>
public sealed class BenchReport(MachineInfo machine, bool quick)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly List<Figure> figures = [];
    private readonly List<(string Scenario, string Text)> notes = [];
    private readonly List<(string Scenario, string Error)> failures = [];

    public MachineInfo Machine => machine;

    public IReadOnlyList<Figure> Figures => figures;

    /// <param name="echo">Print it; false for a figure another process has printed already.</param>
    public void Add(Figure figure, bool echo = true)
    {
        figures.Add(figure);
        if (!echo)
        {
            return;
        }

        Console.WriteLine($"  {figure.Name}: {figure.ValueText}{(figure.Ratio is null ? string.Empty : $" ({figure.RatioText})")}");
    }

    public Figure? Find(string id) => figures.LastOrDefault(f => f.Id == id);

    public void Note(string scenario, string text)
    {
        notes.Add((scenario, text));
        Console.WriteLine($"  note: {text}");
    }

    public void Failed(string scenario, Exception error)
    {
        failures.Add((scenario, error.ToString()));
        Console.WriteLine($"  FAILED: {error.GetType().Name}: {error.Message}");
    }

    public string Table()
    {
        string[] header = ["figure", "value", "target", "vs baseline (same run)", "verdict"];
        var rows = figures.Select(f => new[] { f.Name, f.ValueText, f.TargetText, f.RatioText, f.Verdict }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line([.. widths.Select(w => new string('-', w))]);
        rows.ForEach(Line);
        return text.ToString();
    }

    public async Task<(string Json, string Markdown)> WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = machine.Date.ToString("yyyy-MM-dd'T'HHmm'Z'", CultureInfo.InvariantCulture) + (quick ? "-quick" : string.Empty);
        var json = Path.Combine(directory, $"{stamp}.json");
        var markdown = Path.Combine(directory, $"{stamp}.md");
        var document = new
        {
            machine,
            quick,
            figures = figures.Select(f => new
            {
                f.Id, f.Name, f.Value, f.Unit, better = f.Better, f.Target, f.BaselineId, f.Baseline, f.Ratio, f.RatioTarget,
                f.Projected, verdict = f.Verdict, f.Note,
            }),
            notes = notes.Select(n => new { scenario = n.Scenario, text = n.Text }),
            failures = failures.Select(f => new { scenario = f.Scenario, error = f.Error }),
        };
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(document, Json));
        await File.WriteAllTextAsync(markdown, Markdown());
        return (json, markdown);
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# GateSync benchmark run{(quick ? " (quick smoke run: not figures to quote)" : string.Empty)}");
        text.AppendLine();
        foreach (var (key, value) in machine.Lines())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value}");
        }

        text.AppendLine();
        text.AppendLine("| figure | value | target | vs baseline (same run) | verdict |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var f in figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {f.ValueText} | {f.TargetText} | {f.RatioText} | {f.Verdict} |");
        }

        var explained = figures.Where(f => f.Note is not null).ToList();
        if (explained.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## How each figure was measured");
            text.AppendLine();
            foreach (var f in explained)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- **{f.Name}**: {f.Note}");
            }
        }

        if (notes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Where the time goes (measured in the same run)");
            text.AppendLine();
            foreach (var (scenario, note) in notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {scenario}: {note}");
            }
        }

        if (failures.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Scenarios that failed to run");
            text.AppendLine();
            foreach (var (scenario, error) in failures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {scenario}: `{error.Split('\n')[0].Trim()}`");
            }
        }

        return text.ToString();
    }
}
