using System.Collections.Concurrent;
using System.Security.Cryptography;
using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Agents;

/// <summary>
/// The agents allowed to connect, each bound to one site, with a hashed secret (collection <c>agent_credentials</c> in
/// <c>hub.db</c>). Issuing again rotates the secret: the old one stops working at the agent's next connect.
/// </summary>
public sealed class AgentRegistry
{
    public const string Collection = "agent_credentials";

    private readonly ILiteCollection<AgentCredentialDocument> _credentials;
    private readonly TimeProvider _time;

    // Verified (user, secret hash) pairs: a district reconnecting at once must not pay PBKDF2 per connect twice.
    private readonly ConcurrentDictionary<string, string> _verified = new(StringComparer.Ordinal);

    public AgentRegistry(HubDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        _credentials = database.Collection<AgentCredentialDocument>(Collection);
        _time = time;
    }

    /// <summary>Creates the agent or rotates its secret, and moves it to <paramref name="siteId"/>.</summary>
    public AgentCredentials Issue(string agentId, string siteId)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        _credentials.Upsert(new AgentCredentialDocument
        {
            Id = agentId,
            SiteId = siteId,
            PasswordHash = MosquittoPasswordHash.Create(secret),
            IssuedAt = _time.GetUtcNow(),
        });
        _verified.TryRemove(agentId, out _);
        return new AgentCredentials(agentId, siteId, agentId, secret);
    }

    /// <summary>The agent <paramref name="username"/> names, when <paramref name="password"/> is its current secret.</summary>
    public AgentIdentity? Authenticate(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var document = _credentials.FindById(username);
        if (document is null)
        {
            return null;
        }

        var fingerprint = document.PasswordHash + "|" + Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password)));
        if (_verified.TryGetValue(username, out var known) && known == fingerprint)
        {
            return new AgentIdentity(document.SiteId, document.Id);
        }

        if (!MosquittoPasswordHash.Verify(document.PasswordHash, password))
        {
            return null;
        }

        _verified[username] = fingerprint;
        return new AgentIdentity(document.SiteId, document.Id);
    }

    public IReadOnlyList<AgentCredentialDocument> All() =>
        [.. _credentials.FindAll().OrderBy(d => d.Id, StringComparer.Ordinal)];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
