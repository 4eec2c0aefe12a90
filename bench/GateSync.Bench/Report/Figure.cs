using System.Globalization;

namespace GateSync.Bench.Report;

/// <summary>Which way a figure improves, so a target reads "at least" or "at most".</summary>
public enum Better
{
    Higher,
    Lower,
}

/// <summary>
/// One measured figure: its value, the issue's target (if any), and the baseline measured beside it in the same
/// run with the ratio the issue asks of it (if any). A figure without a target is context for the others.
/// </summary>
public sealed record Figure
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required double Value { get; init; }

    public required string Unit { get; init; }

    public Better Better { get; init; } = Better.Higher;

    public double? Target { get; init; }

    /// <summary>The figure measured beside this one in the same run (e.g. the raw LiteDB rate beside hub ingest).</summary>
    public string? BaselineId { get; init; }

    public double? Baseline { get; init; }

    /// <summary>Least value of <see cref="Ratio"/> the issue asks for.</summary>
    public double? RatioTarget { get; init; }

    /// <summary>Measured directly, or derived from measured parts (say how in <see cref="Note"/>).</summary>
    public bool Projected { get; init; }

    public string? Note { get; init; }

    public double? Ratio => Baseline is > 0 ? Value / Baseline.Value : null;

    public bool HasTarget => Target is not null || RatioTarget is not null;

    public bool MeetsTarget => Target is not { } target || (Better == Better.Higher ? Value >= target : Value <= target);

    public bool MeetsRatio => RatioTarget is not { } least || (Ratio is { } ratio && ratio >= least);

    public string Verdict => !HasTarget ? "-" : (MeetsTarget, MeetsRatio) switch
    {
        (true, true) => "PASS",
        (false, true) => RatioTarget is null ? "MISS" : "MISS (value)",
        (true, false) => "MISS (ratio)",
        _ => "MISS (both)",
    };

    public string TargetText
    {
        get
        {
            var parts = new List<string>();
            if (Target is { } target)
            {
                parts.Add($"{(Better == Better.Higher ? ">=" : "<=")} {Format(target)} {Unit}");
            }

            if (RatioTarget is { } ratio)
            {
                parts.Add($">= {ratio.ToString("0.##", CultureInfo.InvariantCulture)}x {BaselineId}");
            }

            return parts.Count == 0 ? "-" : string.Join(" and ", parts);
        }
    }

    public string ValueText => $"{Format(Value)} {Unit}{(Projected ? " (projected)" : string.Empty)}";

    public string RatioText => Ratio is { } ratio ? $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)}x {BaselineId}" : "-";

    public static string Format(double value) => Math.Abs(value) switch
    {
        >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.00", CultureInfo.InvariantCulture),
        0 => "0",
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
