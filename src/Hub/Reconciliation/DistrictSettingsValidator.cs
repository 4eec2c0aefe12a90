using Microsoft.Extensions.Options;

namespace GateSync.Hub.Reconciliation;

/// <summary>Checks <c>Hub:District:*</c> at start; each failure names the setting and the value expected.</summary>
internal sealed class DistrictSettingsValidator : IValidateOptions<ReconciliationSettings>
{
    public ValidateOptionsResult Validate(string? name, ReconciliationSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
