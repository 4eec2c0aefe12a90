using Microsoft.AspNetCore.Identity;

namespace GateSync.Hub.Access;

/// <summary>
/// Passwords for the dashboard's login, hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2, salted, versioned), so no plain or fast-hashed password is ever stored.
/// </summary>
public sealed class UserPasswords(UserStore users)
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private readonly PasswordHasher<UserDocument> _hasher = new();

    /// <summary>Why a password is not acceptable, or <c>null</c>.</summary>
    public static string? Problem(string? password) =>
        password is null || password.Length < MinLength || password.Length > MaxLength
            ? $"password must be {MinLength}-{MaxLength} characters"
            : null;

    public bool Set(UserDocument user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return users.SetPasswordHash(user.Id, _hasher.HashPassword(user, password));
    }

    /// <summary>The user whose name and password these are, or <c>null</c>. An older hash format is upgraded on success.</summary>
    public UserDocument? Verify(string name, string password)
    {
        // Only an unambiguous name can log in: two users of one name with passwords would make the login a guess.
        var candidates = users.FindByName(name).Where(u => u.PasswordHash is not null).ToList();
        if (candidates.Count != 1)
        {
            // Spend the same work as a real check, so a wrong name is not told apart from a wrong password by timing.
            _hasher.VerifyHashedPassword(new UserDocument(), DummyHash.Value, password);
            return null;
        }

        var user = candidates[0];
        switch (_hasher.VerifyHashedPassword(user, user.PasswordHash!, password))
        {
            case PasswordVerificationResult.Success:
                return user;
            case PasswordVerificationResult.SuccessRehashNeeded:
                Set(user, password);
                return user;
            default:
                return null;
        }
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserDocument>().HashPassword(new UserDocument(), "not-a-password"));
}
