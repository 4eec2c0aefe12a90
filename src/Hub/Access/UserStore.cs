using System.Security.Cryptography;
using System.Text;
using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Access;

/// <summary>The <c>users</c> collection: creates users with a fresh bearer token and finds a user by token.</summary>
public sealed class UserStore
{
    public const string CollectionName = "users";

    /// <summary>Random bytes in a token: 256 bits, beyond guessing.</summary>
    public const int TokenBytes = 32;

    private readonly ILiteCollection<UserDocument> _users;
    private readonly TimeProvider _time;

    public UserStore(HubDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        _time = time;
        _users = database.Collection<UserDocument>(CollectionName);
        _users.EnsureIndex(u => u.TokenHash, unique: true);
        _users.EnsureIndex(u => u.Name);
    }

    /// <summary>Stores a new user and returns it with its token, which exists nowhere else afterwards.</summary>
    public (UserDocument User, string Token) Create(string name, UserRole role, string? station, string? community, string createdBy)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        var user = new UserDocument
        {
            Id = Guid.CreateVersion7(_time.GetUtcNow()).ToString("N"),
            Name = name,
            Role = role,
            Station = station,
            Community = community,
            TokenHash = HashOf(token),
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        _users.Insert(user);
        return (user, token);
    }

    public IReadOnlyList<UserDocument> All() => [.. _users.FindAll().OrderBy(u => u.CreatedAt)];

    public UserDocument? FindById(string id) => _users.FindById(id);

    /// <summary>The users of that name (names are not unique: several machine clients may share one).</summary>
    public IReadOnlyList<UserDocument> FindByName(string name) => [.. _users.Find(u => u.Name == name)];

    /// <summary>Stores a password hash (<see cref="UserPasswords"/>) for the dashboard's login; false for an unknown user.</summary>
    public bool SetPasswordHash(string id, string passwordHash)
    {
        var user = _users.FindById(id);
        if (user is null)
        {
            return false;
        }

        user.PasswordHash = passwordHash;
        return _users.Update(user);
    }

    public UserDocument? FindByToken(string token)
    {
        var hash = HashOf(token);
        return _users.FindOne(u => u.TokenHash == hash);
    }

    /// <summary>Hashed, so the store alone does not let anyone in; a plain hash suffices for 256 random bits.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
