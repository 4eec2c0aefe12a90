using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Hub.Tests.Reconciliation;

/// <summary>An engine on a fake clock in Asia/Shanghai, March 2026: <c>Local(1)</c> is 1 March 09:00 +08:00.</summary>
internal sealed class EngineHarness
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public EngineHarness(ReconciliationSettings? settings = null)
    {
        Time = new FakeTimeProvider(Local(1, 0));
        Engine = new ReconciliationEngine(settings ?? new ReconciliationSettings { AreaCode = TestPeople.AreaCode }, Time);
    }

    public FakeTimeProvider Time { get; }

    public ReconciliationEngine Engine { get; }

    /// <summary>Every change the engine returned, in order.</summary>
    public List<Finding> Changes { get; } = [];

    public static DateTimeOffset Local(int day, int hour = 9, int minute = 0) =>
        new DateTimeOffset(2026, 3, 1, 0, 0, 0, Shanghai).AddDays(day - 1).AddHours(hour).AddMinutes(minute);

    /// <summary>Moves the clock (never back) and runs the timer path.</summary>
    public IReadOnlyList<Finding> AdvanceTo(DateTimeOffset now)
    {
        if (now > Time.GetUtcNow())
        {
            Time.SetUtcNow(now);
        }

        return Keep(Engine.Evaluate());
    }

    /// <summary>A check-in that arrives at the moment it happens (the clock moves there first).</summary>
    public IReadOnlyList<Finding> SeeLive(string idNumber, string siteId, DateTimeOffset at)
    {
        AdvanceTo(at);
        return See(idNumber, siteId, at);
    }

    /// <summary>A check-in stored now, whenever it happened.</summary>
    public IReadOnlyList<Finding> See(string idNumber, string siteId, DateTimeOffset at) =>
        Keep(Engine.RecordSighting(new Sighting(idNumber, "张三", siteId, at)));

    public IReadOnlyList<Finding> Register(
        string idNumber, string siteId, RegistrationStatus status = RegistrationStatus.Active, DateOnly? validUntil = null) =>
        Keep(Engine.RecordRegistration(new Registration(
            idNumber, "张三", siteId, new DateOnly(2026, 1, 1), validUntil, "工人", "初中", status)));

    public IReadOnlyList<Finding> SiteReports(string siteId, DateTimeOffset at) => Keep(Engine.RecordSiteReport(siteId, at));

    public IReadOnlyList<Finding> Open() => Engine.OpenFindings();

    private IReadOnlyList<Finding> Keep(IReadOnlyList<Finding> changes)
    {
        Changes.AddRange(changes);
        return changes;
    }
}
