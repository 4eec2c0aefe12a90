namespace GateSync.Hub.Access;

/// <summary>
/// A stored user: a person or a machine client with a role and, for staff, the station or community it is
/// limited to. Only the SHA-256 of its bearer token is kept; <see cref="PasswordHash"/> is for the dashboard's
/// password login to come.
/// </summary>
public sealed class UserDocument
{
    public string Id { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public UserRole Role { get; set; }
    public string? Station { get; set; }
    public string? Community { get; set; }

    /// <summary>Lower-case hex SHA-256 of the bearer token.</summary>
    public string TokenHash { get; set; } = string.Empty;

    public string? PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
}
