using GateSync.Hub.Api;
using GateSync.Hub.Reconciliation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Access;

/// <summary>
/// <c>POST /api/session</c> logs in with a user name and password and sets the session cookie (failures throttled,
/// <see cref="LoginThrottle"/>);
/// <c>GET /api/session</c> says who is signed in (and gives the page its anti-forgery token);
/// <c>DELETE /api/session</c> logs out; <c>PUT /api/session/password</c> changes the signed-in user's own password (the
/// current one required, wrong guesses throttled as logins are). <c>PUT /api/users/{id}/password</c> lets an
/// administrator set a user's password.
/// </summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/session", async (
                LoginRequest request, UserPasswords passwords, LoginThrottle throttle, HttpContext context, IOptions<ReconciliationSettings> district) =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString();
                var userName = request.UserName ?? string.Empty;
                if (throttle.RefusedFor(address, userName) is { } wait)
                {
                    return TooMany(context, wait, "too many failed logins for this user name");
                }

                var user = userName.Length > 0 && request.Password is { Length: > 0 } password
                    ? passwords.Verify(userName.Trim(), password)
                    : null;
                if (user is null)
                {
                    throttle.Failed(address, userName);
                    return Results.Json(new ErrorResponse("user name or password is wrong"), statusCode: StatusCodes.Status401Unauthorized);
                }

                var principal = SessionAuthentication.PrincipalFor(user);
                await context.SignInAsync(SessionAuthentication.CookieScheme, principal).ConfigureAwait(false);
                return Results.Ok(SessionResponse.From(principal, district.Value));
            })
            .AllowAnonymous();

        endpoints.MapGet("/api/session", (HttpContext context, IOptions<ReconciliationSettings> district) =>
                Results.Ok(SessionResponse.From(context.User, district.Value)))
            .RequireAuthorization();

        endpoints.MapDelete("/api/session", async (HttpContext context) =>
            {
                await context.SignOutAsync(SessionAuthentication.CookieScheme).ConfigureAwait(false);
                return Results.NoContent();
            })
            .RequireAuthorization();

        endpoints.MapPut("/api/session/password", (OwnPasswordRequest request, UserPasswords passwords, LoginThrottle throttle, HttpContext context) =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString();
                var name = Caller.From(context.User).Name;
                if (throttle.RefusedFor(address, name) is { } wait)
                {
                    return TooMany(context, wait, "too many wrong passwords");
                }

                if (UserPasswords.Problem(request.NewPassword) is { } problem)
                {
                    return Results.BadRequest(new ErrorResponse($"newPassword: {problem}"));
                }

                // The current password proves it is the user at the keyboard, not someone at a session left open. A caller
                // signed in by token alone has no password to change here.
                if (request.CurrentPassword is not { Length: > 0 } current || passwords.Verify(name, current) is not { } user)
                {
                    throttle.Failed(address, name);
                    return Results.BadRequest(new ErrorResponse("currentPassword is wrong"));
                }

                passwords.Set(user, request.NewPassword!);
                return Results.NoContent();
            })
            .RequireAuthorization();

        endpoints.MapPut("/api/users/{id}/password", (string id, PasswordRequest request, UserStore users, UserPasswords passwords) =>
            {
                if (UserPasswords.Problem(request.Password) is { } problem)
                {
                    return Results.BadRequest(new ErrorResponse(problem));
                }

                return users.FindById(id) is { } user && passwords.Set(user, request.Password!)
                    ? Results.NoContent()
                    : Results.NotFound(new ErrorResponse($"no user {id}"));
            })
            .RequireAuthorization(HubPolicies.Administer);

        return endpoints;
    }

    /// <summary>429 with <c>Retry-After</c>, for a caller the <see cref="LoginThrottle"/> holds back.</summary>
    private static IResult TooMany(HttpContext context, TimeSpan wait, string what)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new ErrorResponse($"{what}; try again in {seconds} s"), statusCode: StatusCodes.Status429TooManyRequests);
    }
}

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record PasswordRequest(string? Password);

public sealed record OwnPasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// Who is signed in, for the pages: role as the users API names it, area, the district's time zone for dates,
/// and (for a cookie session) the token to send in <see cref="SessionAuthentication.AntiForgeryHeader"/>.
/// </summary>
public sealed record SessionResponse(string Name, string Role, string? Station, string? Community, bool MayReveal, string TimeZone, string? AntiForgeryToken)
{
    public static SessionResponse From(System.Security.Claims.ClaimsPrincipal user, ReconciliationSettings district)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(district);
        var caller = Caller.From(user);
        var role = caller.Role switch
        {
            HubRoles.DistrictAdmin => UserRole.DistrictAdmin.ApiName(),
            HubRoles.StationStaff => UserRole.StationOfficer.ApiName(),
            _ => UserRole.CoManager.ApiName(),
        };
        return new(caller.Name, role, caller.Station, caller.Community, caller.MayReveal, district.TimeZone,
            user.FindFirst(SessionAuthentication.AntiForgeryClaim)?.Value);
    }
}
