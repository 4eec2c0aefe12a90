using Microsoft.Extensions.Options;

namespace GateSync.Hub.Access;

/// <summary>
/// <c>Hub:Auth:FirstAdmin</c>: a district administrator with a password, created at start when no user of that
/// name exists yet, so the first person can log in to the dashboard. Both empty: none is created.
/// </summary>
public sealed class FirstAdminOptions
{
    public const string Section = "Hub:Auth:FirstAdmin";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool IsSet => !string.IsNullOrWhiteSpace(UserName);
}

internal sealed class FirstAdminOptionsValidator : IValidateOptions<FirstAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, FirstAdminOptions options)
    {
        if (!options.IsSet)
        {
            return string.IsNullOrEmpty(options.Password)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{FirstAdminOptions.Section}:UserName must be set when {FirstAdminOptions.Section}:Password is");
        }

        if (options.UserName!.Trim().Length > UserEndpoints.MaxNameLength)
        {
            return ValidateOptionsResult.Fail($"{FirstAdminOptions.Section}:UserName must be 1-{UserEndpoints.MaxNameLength} characters");
        }

        return UserPasswords.Problem(options.Password) is { } problem
            ? ValidateOptionsResult.Fail($"{FirstAdminOptions.Section}:Password: {problem}")
            : ValidateOptionsResult.Success;
    }
}
