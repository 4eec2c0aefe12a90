using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Api;

/// <summary><c>Hub:Auth:BootstrapAdminToken</c>: the district administrator's token until issued tokens exist.</summary>
internal sealed class BootstrapTokenResolver(IOptions<HubOptions> options) : IBearerTokenResolver
{
    private static readonly BearerIdentity Admin = new("bootstrap-admin", [HubRoles.DistrictAdmin]);

    private readonly byte[]? _expectedHash = options.Value.Auth.BootstrapAdminToken is { Length: > 0 } token ? Hash(token) : null;

    public ValueTask<BearerIdentity?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        // Compare hashes in constant time so neither the content nor the length of the token leaks through timing.
        var match = _expectedHash is not null && CryptographicOperations.FixedTimeEquals(_expectedHash, Hash(token));
        return ValueTask.FromResult(match ? Admin : null);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
