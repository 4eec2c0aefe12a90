using GateSync.Contracts.Identity;
using GateSync.Hub.Access;
using GateSync.Hub.Api;
using GateSync.Hub.Audit;
using GateSync.Hub.Findings;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using GateSync.Hub.Storage;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Dashboard;

/// <summary>
/// The calls only the dashboard's pages need, each limited to the caller's area:
/// <c>GET /api/dashboard/trend</c>, <c>GET /api/dashboard/sites</c> and <c>POST /api/people/search</c>.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/dashboard/trend", (
                HttpContext context,
                FindingStore findings,
                ReconciliationEngine engine,
                RegistrationRoll roll,
                IOptions<ReconciliationSettings> district,
                TimeProvider time,
                string? station,
                string? community) =>
            {
                var calendar = DistrictCalendar.For(district.Value);
                var now = time.GetUtcNow();
                if (Caller.From(context.User).Narrow(station, community) is not { } scope)
                {
                    return Results.Ok(DailyTrend.Calculate(now, calendar, [], []));
                }

                var sites = roll.Sites();
                var from = calendar.StartOf(DailyTrend.FirstDay(calendar.DayOf(now)));
                var open = findings.OpenDuring(from, now).Where(f => scope.Contains(f.SiteId, sites)).ToList();
                var arrivals = engine.Presences(now, DailyTrend.Days).Where(p => scope.Contains(p.SiteId, sites));
                return Results.Ok(DailyTrend.Calculate(now, calendar, open, arrivals));
            })
            .RequireAuthorization(AccessPolicies.ReadArea)
            .AddEndpointFilter(RebuildingReads.RequireRebuilt);

        endpoints.MapGet("/api/dashboard/sites", (
                HttpContext context,
                HubDatabase database,
                RegistrationRoll roll,
                IOptions<ReconciliationSettings> district,
                string? station,
                string? community) =>
            {
                if (Caller.From(context.User).Narrow(station, community) is not { } scope)
                {
                    return Results.Ok(Array.Empty<SiteStatus>());
                }

                var zone = TimeZoneInfo.FindSystemTimeZoneById(district.Value.TimeZone);
                var sites = roll.Sites();
                var agentsBySite = database.Agents.FindAll()
                    .GroupBy(a => a.SiteId, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(a => SiteAgent.From(a, zone)).ToList(), StringComparer.Ordinal);

                // Sites of the roll without an agent are listed too: a site that never reported is worth seeing.
                return Results.Ok(sites.Keys.Union(agentsBySite.Keys, StringComparer.Ordinal)
                    .Where(id => scope.Contains(id, sites))
                    .Order(StringComparer.Ordinal)
                    .Select(id => SiteStatus.For(id, sites.GetValueOrDefault(id), agentsBySite.GetValueOrDefault(id) ?? []))
                    .ToList());
            })
            .RequireAuthorization(AccessPolicies.ReadArea);

        endpoints.MapPost("/api/people/search", (
                PersonSearchRequest request,
                HttpContext context,
                RegistrationRoll roll,
                FindingStore findings,
                ReconciliationEngine engine,
                AuditLog audit,
                IOptions<ReconciliationSettings> district,
                TimeProvider time) =>
            {
                var number = IdNumber.Normalize(request.IdNumber);
                if (!number.IsValid)
                {
                    return Results.BadRequest(new ErrorResponse($"idNumber: {number.Error}"));
                }

                var idNumber = number.Normalized!;
                var caller = Caller.From(context.User);
                if (caller.Narrow(null, null) is not { } scope)
                {
                    return Results.NotFound(new ErrorResponse("no such person in your area"));
                }

                var sites = roll.Sites();
                var reveal = request.Reveal && caller.MayReveal;
                var person = PersonLookup.Find(
                    idNumber,
                    siteId => scope.Contains(siteId, sites),
                    sites,
                    roll.Registration(idNumber),
                    engine.Presences(time.GetUtcNow(), Reports.FloatingPopulation.PresenceDays),
                    findings.ForPerson(idNumber),
                    TimeZoneInfo.FindSystemTimeZoneById(district.Value.TimeZone),
                    reveal);

                // Looking a person up by number is itself a use of their data: every search is audited, the number masked in the call text.
                var call = $"POST /api/people/search idNumber={PersonalDataMask.IdNumber(idNumber)}{(reveal ? " reveal=true" : string.Empty)}";
                audit.Append(caller.Name, caller.Role, call, person?.Findings.Select(f => f.Id) ?? [], [idNumber]);

                return person is null ? Results.NotFound(new ErrorResponse("no such person in your area")) : Results.Ok(person);
            })
            .RequireAuthorization(DashboardPolicies.SearchPerson)
            .AddEndpointFilter(RebuildingReads.RequireRebuilt);

        return endpoints;
    }
}

/// <summary>Policies of the dashboard's own calls.</summary>
public static class DashboardPolicies
{
    /// <summary>Look one person up by ID number: district administrators and station officers, not co-managers.</summary>
    public const string SearchPerson = "person.search";
}
