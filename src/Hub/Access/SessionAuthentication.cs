using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using GateSync.Hub.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Net.Http.Headers;

namespace GateSync.Hub.Access;

/// <summary>
/// The dashboard's session: a cookie issued at password login, beside the API's bearer tokens. A request with an
/// <c>Authorization</c> header is a bearer call; a request carrying only the session cookie is a dashboard call.
/// Cookie-authenticated calls that change something must repeat the session's anti-forgery token in
/// <see cref="AntiForgeryHeader"/>: the cookie is SameSite=Strict already, the header makes a forged request
/// fail even where a browser does not honour that.
/// </summary>
public static class SessionAuthentication
{
    /// <summary>The cookie scheme.</summary>
    public const string CookieScheme = "Session";

    /// <summary>The default scheme: forwards to <see cref="CookieScheme"/> or <see cref="BearerAuthenticationHandler.SchemeName"/>.</summary>
    public const string SelectorScheme = "BearerOrSession";

    public const string CookieName = "gatesync-session";
    public const string AntiForgeryHeader = "X-GateSync-AntiForgery";
    public const string AntiForgeryClaim = "gatesync:antiforgery";
    public const string UserIdClaim = "gatesync:user";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>A signed-in user's principal: the same claims a bearer token gives, plus the session's anti-forgery token.</summary>
    public static ClaimsPrincipal PrincipalFor(UserDocument user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role.Claim()),
            new(UserIdClaim, user.Id),
            new(AntiForgeryClaim, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
        };
        if (user.Station is not null)
        {
            claims.Add(new Claim(BearerAuthenticationHandler.StationClaim, user.Station));
        }

        if (user.Community is not null)
        {
            claims.Add(new Claim(BearerAuthenticationHandler.CommunityClaim, user.Community));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme));
    }

    public static AuthenticationBuilder AddHubSessionSchemes(this AuthenticationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = SessionLifetime;
                cookie.SlidingExpiration = true;

                // The pages are static and ask GET /api/session themselves: an API answers 401/403, never a redirect.
                cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = RequireAntiForgeryToken;
            })
            .AddPolicyScheme(SelectorScheme, "Bearer token or dashboard session", policy =>
                policy.ForwardDefaultSelector = context =>
                    !context.Request.Headers.ContainsKey(HeaderNames.Authorization) && context.Request.Cookies.ContainsKey(CookieName)
                        ? CookieScheme
                        : BearerAuthenticationHandler.SchemeName);
    }

    private static Task RequireAntiForgeryToken(CookieValidatePrincipalContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return Task.CompletedTask;
        }

        var expected = context.Principal?.FindFirst(AntiForgeryClaim)?.Value;
        string? given = context.Request.Headers[AntiForgeryHeader];
        if (expected is null || given is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given)))
        {
            // Unauthenticated for this request only; the session itself stays valid.
            context.RejectPrincipal();
        }

        return Task.CompletedTask;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
