namespace GateSync.Hub.Reconciliation;

/// <summary>
/// The district's reconciliation rules as settings (rules.md: every number is a setting with this default).
/// Bound from <see cref="SectionName"/>; <see cref="Problems"/> names each bad setting for start-up validation.
/// </summary>
public sealed record ReconciliationSettings
{
    public const string SectionName = "Hub:District";

    /// <summary>Six-digit administrative division; ID numbers starting with it are locals (not floating population).</summary>
    public string AreaCode { get; init; } = string.Empty;

    /// <summary>IANA zone in which days are counted.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    public int ResidentMinDays { get; init; } = 2;

    public int ResidentWindowDays { get; init; } = 7;

    public int RegistrationGraceDays { get; init; } = 3;

    public int StaleAfterDays { get; init; } = 30;

    /// <summary>Each problem names the setting and the value expected; empty when the settings are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (AreaCode.Length != 6 || !AreaCode.All(char.IsAsciiDigit))
        {
            problems.Add($"{SectionName}:AreaCode must be the district's six-digit division code, e.g. 130208 (was '{AreaCode}')");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            problems.Add($"{SectionName}:TimeZone must be a time zone id known to this machine, e.g. Asia/Shanghai (was '{TimeZone}')");
        }

        if (ResidentMinDays < 1)
        {
            problems.Add($"{SectionName}:ResidentMinDays must be at least 1 (was {ResidentMinDays})");
        }

        if (ResidentWindowDays < ResidentMinDays)
        {
            problems.Add($"{SectionName}:ResidentWindowDays must be at least ResidentMinDays (was {ResidentWindowDays})");
        }

        if (RegistrationGraceDays < 0)
        {
            problems.Add($"{SectionName}:RegistrationGraceDays must be 0 or more (was {RegistrationGraceDays})");
        }

        if (StaleAfterDays < 1)
        {
            problems.Add($"{SectionName}:StaleAfterDays must be at least 1 (was {StaleAfterDays})");
        }

        return problems;
    }

    /// <summary>A person whose ID number starts with the district's code has a local household registration.</summary>
    public bool IsLocal(string idNumber) => idNumber.StartsWith(AreaCode, StringComparison.Ordinal);
}
