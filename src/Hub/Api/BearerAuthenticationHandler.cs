using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Api;

/// <summary><c>Authorization: Bearer &lt;token&gt;</c>, resolved by the registered <see cref="IBearerTokenResolver"/>s.</summary>
public sealed partial class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IEnumerable<IBearerTokenResolver> resolvers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";
    public const string StationClaim = "gatesync:station";
    public const string CommunityClaim = "gatesync:community";

    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header[Prefix.Length..].Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.Fail("empty bearer token");
        }

        foreach (var resolver in resolvers)
        {
            var identity = await resolver.ResolveAsync(token, Context.RequestAborted).ConfigureAwait(false);
            if (identity is not null)
            {
                return AuthenticateResult.Success(new AuthenticationTicket(ToPrincipal(identity), Scheme.Name));
            }
        }

        Log.UnknownToken(Logger, Request.Path);
        return AuthenticateResult.Fail("unknown bearer token");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }

    private ClaimsPrincipal ToPrincipal(BearerIdentity identity)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, identity.Name) };
        claims.AddRange(identity.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        if (identity.Station is not null)
        {
            claims.Add(new Claim(StationClaim, identity.Station));
        }

        if (identity.Community is not null)
        {
            claims.Add(new Claim(CommunityClaim, identity.Community));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Refused an unknown bearer token for {Path}")]
        public static partial void UnknownToken(ILogger logger, string path);
    }
}
