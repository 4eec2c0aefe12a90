using GateSync.Hub.Api;

namespace GateSync.Hub.Access;

/// <summary>Bearer tokens issued through <c>POST /api/users</c>.</summary>
internal sealed class IssuedTokenResolver(UserStore users) : IBearerTokenResolver
{
    public ValueTask<BearerIdentity?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        var user = users.FindByToken(token);
        return ValueTask.FromResult(user is null
            ? null
            : new BearerIdentity(user.Name, [user.Role.Claim()], user.Station, user.Community));
    }
}
