using GateSync.Hub.Api;

namespace GateSync.Hub.Access;

/// <summary><c>POST /api/users</c> issues a user and its bearer token (shown once); <c>GET /api/users</c> lists users without tokens.</summary>
public static class UserEndpoints
{
    public const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/users").RequireAuthorization(HubPolicies.Administer);

        users.MapPost("/", (NewUserRequest request, UserStore store, HttpContext context) =>
        {
            if (Problem(request) is { } problem)
            {
                return Results.BadRequest(new ErrorResponse(problem));
            }

            var role = UserRoles.ByName[request.Role!];
            var (user, token) = store.Create(
                request.Name!.Trim(),
                role,
                role == UserRole.DistrictAdmin ? null : request.Station?.Trim(),
                role == UserRole.CoManager ? request.Community?.Trim() : null,
                context.User.Identity?.Name ?? string.Empty);
            return Results.Json(UserResponse.From(user, token), statusCode: StatusCodes.Status201Created);
        });

        users.MapGet("/", (UserStore store) => store.All().Select(u => UserResponse.From(u, token: null)).ToList());
        return endpoints;
    }

    private static string? Problem(NewUserRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
        {
            return $"name must be 1-{MaxNameLength} characters";
        }

        if (request.Role is null || !UserRoles.ByName.TryGetValue(request.Role, out var role))
        {
            return "role must be one of districtAdmin, stationOfficer, coManager";
        }

        if (role == UserRole.StationOfficer && string.IsNullOrWhiteSpace(request.Station))
        {
            return "a stationOfficer needs a station";
        }

        return role == UserRole.CoManager && string.IsNullOrWhiteSpace(request.Community)
            ? "a coManager needs a community"
            : null;
    }
}

public sealed record NewUserRequest(string? Name, string? Role, string? Station, string? Community);

/// <summary>A user as the API shows it; <see cref="Token"/> only in the answer that creates it.</summary>
public sealed record UserResponse(string Id, string Name, string Role, string? Station, string? Community, DateTimeOffset CreatedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Token)
{
    public static UserResponse From(UserDocument user, string? token)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Name, user.Role.ApiName(), user.Station, user.Community, user.CreatedAt, token);
    }
}
