namespace GateSync.Hub.Api;

/// <summary>
/// What a bearer token resolves to. <see cref="Station"/> and <see cref="Community"/> narrow a staff token
/// to its area; they are empty for a district administrator.
/// </summary>
public sealed record BearerIdentity(string Name, IReadOnlyList<string> Roles, string? Station = null, string? Community = null);

/// <summary>
/// Finds who a bearer token belongs to; <c>null</c> when it belongs to no one. Several may be registered
/// (the bootstrap token now, issued staff tokens later); the first that knows the token wins.
/// </summary>
public interface IBearerTokenResolver
{
    ValueTask<BearerIdentity?> ResolveAsync(string token, CancellationToken cancellationToken);
}
