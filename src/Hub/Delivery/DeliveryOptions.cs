using Microsoft.Extensions.Options;

namespace GateSync.Hub.Delivery;

/// <summary><c>Hub:Delivery</c>: when the hub asks an agent for check-ins it sees missing.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Hub:Delivery";

    /// <summary>A gap in an agent's seq must persist this long before a replay is asked (check-ins overtake each other in flight).</summary>
    public int GapReplayAfterSeconds { get; set; } = 30;

    /// <summary>At most one replay request per agent this often, so an agent that lost a range for good is not pestered.</summary>
    public int ReplayIntervalSeconds { get; set; } = 60;

    /// <summary>How often every agent's ranges are looked over for gaps.</summary>
    public int GapScanIntervalSeconds { get; set; } = 5;
}

/// <summary><c>Hub:Retention</c>: how long raw check-ins are kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Hub:Retention";

    /// <summary>
    /// Check-ins that occurred longer ago than this are deleted; 0 keeps them for ever. The per-agent received ranges and
    /// counters stay, so a late copy is still a duplicate and <c>storedCount</c> still counts it.
    /// </summary>
    public int CheckInDays { get; set; } = 365;

    /// <summary>
    /// Rejected messages received longer ago than this are deleted; 0 keeps them for ever. They are kept to diagnose a
    /// sender, and the start of their payload may hold an ID number, so not for longer than that needs.
    /// </summary>
    public int RejectedDays { get; set; } = 30;

    public int PurgeIntervalMinutes { get; set; } = 60;

    public bool PurgesAnything => CheckInDays > 0 || RejectedDays > 0;
}

internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>, IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = new List<string>();
        Positive(failures, $"{DeliveryOptions.Section}:GapReplayAfterSeconds", options.GapReplayAfterSeconds, "30");
        Positive(failures, $"{DeliveryOptions.Section}:ReplayIntervalSeconds", options.ReplayIntervalSeconds, "60");
        Positive(failures, $"{DeliveryOptions.Section}:GapScanIntervalSeconds", options.GapScanIntervalSeconds, "5");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        if (options.CheckInDays < 0)
        {
            failures.Add($"{RetentionOptions.Section}:CheckInDays must be 0 (keep for ever) or more days, e.g. 365 (was {options.CheckInDays}).");
        }

        if (options.RejectedDays < 0)
        {
            failures.Add($"{RetentionOptions.Section}:RejectedDays must be 0 (keep for ever) or more days, e.g. 30 (was {options.RejectedDays}).");
        }

        Positive(failures, $"{RetentionOptions.Section}:PurgeIntervalMinutes", options.PurgeIntervalMinutes, "60");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string setting, int value, string example)
    {
        if (value < 1)
        {
            failures.Add($"{setting} must be a whole number above 0, e.g. {example} (was {value}).");
        }
    }
}
