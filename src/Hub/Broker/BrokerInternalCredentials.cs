using System.Security.Cryptography;

namespace GateSync.Hub.Broker;

/// <summary>
/// The hub's own clients of its embedded broker (ingest, acks and commands) sign in with these. The secret is made afresh
/// at every start and lives only in memory, so nothing outside the hub process can be this user.
/// </summary>
public sealed class BrokerInternalCredentials
{
    public const string Username = "gatesync-hub-internal";

    public string Password { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public bool Matches(string? username, string? password) =>
        username == Username && password is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(password), System.Text.Encoding.UTF8.GetBytes(Password));
}
