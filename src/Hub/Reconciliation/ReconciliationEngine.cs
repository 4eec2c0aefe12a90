using GateSync.Hub.Registrations;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Keeps the findings in step with check-ins, registrations and time, incrementally: a check-in or a
/// registration change re-judges only that person; <see cref="Evaluate"/> re-judges only persons whose
/// due time has come. Every call returns the findings it opened or resolved (new state, keyed by
/// <see cref="Finding.Id"/>) for the caller to store. Thread-safe; calls are serialised.
/// </summary>
public sealed class ReconciliationEngine
{
    private readonly Lock gate = new();
    private readonly ReconciliationSettings settings;
    private readonly TimeProvider time;
    private readonly DistrictCalendar calendar;
    private readonly FindingRules rules;
    private readonly ResidencePattern pattern;

    // Not readonly: a rebuild builds a whole new state aside and swaps it in (see Rebuild).
    private Dictionary<string, PersonState> persons = new(StringComparer.Ordinal);
    private Dictionary<string, SiteReporting> sites = new(StringComparer.Ordinal);
    private Dictionary<string, HashSet<string>> registrantsBySite = new(StringComparer.Ordinal);
    private Dictionary<string, HashSet<string>> waitingBySite = new(StringComparer.Ordinal);
    private DueSchedule schedule = new();

    public ReconciliationEngine(ReconciliationSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        }

        this.settings = settings;
        this.time = time;
        calendar = DistrictCalendar.For(settings);
        rules = new FindingRules(settings, calendar);
        pattern = ResidencePattern.For(settings);
    }

    /// <summary>When <see cref="Evaluate"/> next has work, so a timer can sleep until then.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (gate)
            {
                return schedule.Next;
            }
        }
    }

    /// <summary>
    /// Forgets everything and rebuilds from the store (at start-up): every check-in, registration, site's
    /// reporting and the findings still open, then judges everyone once. Returns what changed against
    /// <paramref name="openFindings"/>. The new state is built aside and swapped in at the end, so readers
    /// (reports, the timer) see the previous state whole until then instead of waiting or seeing half of it.
    /// With <paramref name="saved"/> (a state saved before, <see cref="WriteSightings"/>), <paramref name="sightings"/>
    /// need only be the check-ins that state does not hold.
    /// </summary>
    public IReadOnlyList<Finding> Rebuild(
        IEnumerable<Sighting> sightings,
        IEnumerable<Registration> registrations,
        IEnumerable<SiteReporting> siteReporting,
        IEnumerable<Finding> openFindings,
        IEnumerable<PersonSightings>? saved = null)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(siteReporting);
        ArgumentNullException.ThrowIfNull(openFindings);

        // Nobody else sees the new engine, so its lock is never contended while it reads.
        var built = new ReconciliationEngine(settings, time);
        var changes = built.Load(sightings, registrations, siteReporting, openFindings, saved ?? []);
        lock (gate)
        {
            persons = built.persons;
            sites = built.sites;
            registrantsBySite = built.registrantsBySite;
            waitingBySite = built.waitingBySite;
            schedule = built.schedule;
        }

        return changes;
    }

    public IReadOnlyList<Finding> RecordSighting(Sighting sighting) => RecordSightings([sighting]);

    /// <summary>Stores check-ins and re-judges each person they concern once.</summary>
    public IReadOnlyList<Finding> RecordSightings(IEnumerable<Sighting> sightings)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        lock (gate)
        {
            var touched = new HashSet<PersonState>();
            foreach (var sighting in sightings)
            {
                if (Apply(sighting) is { } person)
                {
                    touched.Add(person);
                }
            }

            return JudgeAll(touched);
        }
    }

    public IReadOnlyList<Finding> RecordRegistration(Registration registration) => RecordRegistrations([registration]);

    /// <summary>Stores registrations (an import, an edit) and re-judges each person they concern once.</summary>
    public IReadOnlyList<Finding> RecordRegistrations(IEnumerable<Registration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        lock (gate)
        {
            var touched = new HashSet<PersonState>();
            foreach (var registration in registrations)
            {
                if (Apply(registration) is { } person)
                {
                    touched.Add(person);
                }
            }

            return JudgeAll(touched);
        }
    }

    /// <summary>
    /// The site's agent reported at <paramref name="at"/> (see <see cref="SiteReporting"/>). A site's first report
    /// re-judges its registrants; a later one re-judges only persons whose <c>stale</c> was waiting for it.
    /// </summary>
    public IReadOnlyList<Finding> RecordSiteReport(string siteId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(siteId);
        lock (gate)
        {
            HashSet<string>? toJudge;
            if (!sites.TryGetValue(siteId, out var known))
            {
                sites[siteId] = new SiteReporting(siteId, at, at);
                toJudge = registrantsBySite.GetValueOrDefault(siteId);
            }
            else if (at < known.FirstReportAt)
            {
                sites[siteId] = known with { FirstReportAt = at };
                toJudge = registrantsBySite.GetValueOrDefault(siteId);
            }
            else if (at > known.LastReportAt)
            {
                sites[siteId] = known with { LastReportAt = at };
                toJudge = waitingBySite.GetValueOrDefault(siteId);
            }
            else
            {
                toJudge = null;
            }

            return toJudge is null ? [] : JudgeAll(toJudge.Select(id => persons[id]).ToList());
        }
    }

    /// <summary>The timer path: judges the persons whose findings may have become due by time alone.</summary>
    public IReadOnlyList<Finding> Evaluate()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var changes = new List<Finding>();
            while (schedule.TakeDue(now) is { } idNumber)
            {
                var person = persons[idNumber];
                person.DueAt = null;
                Judge(person, now, changes);
            }

            return changes;
        }
    }

    /// <summary>Snapshot of the open findings the engine holds.</summary>
    public IReadOnlyList<Finding> OpenFindings()
    {
        lock (gate)
        {
            return persons.Values.SelectMany(p => p.Open).ToList();
        }
    }

    /// <summary>
    /// Non-local persons who lived or worked at a site in the <paramref name="days"/> district days up to and
    /// including the day of <paramref name="asOf"/>: the stay pattern is met by days in that period.
    /// </summary>
    public IReadOnlyList<Presence> Presences(DateTimeOffset asOf, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        lock (gate)
        {
            var lastDay = calendar.DayOf(asOf);
            var firstDay = lastDay.AddDays(1 - days);
            var result = new List<Presence>();
            foreach (var person in persons.Values)
            {
                if (settings.IsLocal(person.IdNumber))
                {
                    continue;
                }

                foreach (var (siteId, visits) in person.Sites)
                {
                    var from = visits.FirstDayOnOrAfter(firstDay);
                    var to = visits.FirstDayOnOrAfter(lastDay.AddDays(1));
                    if (pattern.IsMetBy(visits.Days, from, to))
                    {
                        result.Add(new Presence(person.IdNumber, person.DisplayName, siteId, visits.FirstSeen, visits.Days[to - 1].Last));
                    }
                }
            }

            return result;
        }
    }

    /// <summary>
    /// Writes what check-ins have built (each person's days at each site and the name from the card), leaving out days
    /// whose last check-in is before <paramref name="keepFrom"/> (past retention); returns how many persons it wrote.
    /// </summary>
    internal int WriteSightings(BinaryWriter writer, DateTimeOffset? keepFrom)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (gate)
        {
            return SightingStateFormat.Write(writer, persons.Values, keepFrom);
        }
    }

    private List<Finding> Load(
        IEnumerable<Sighting> sightings,
        IEnumerable<Registration> registrations,
        IEnumerable<SiteReporting> siteReporting,
        IEnumerable<Finding> openFindings,
        IEnumerable<PersonSightings> saved)
    {
        lock (gate)
        {
            foreach (var reporting in siteReporting)
            {
                sites[reporting.SiteId] = reporting;
            }

            foreach (var finding in openFindings.Where(f => f.IsOpen).OrderBy(f => f.OpenedAt))
            {
                var person = PersonFor(finding.IdNumber, force: true)!;

                // At most one open finding of a type per person and site, even if the store holds more.
                if (person.OpenFinding(finding.Type, finding.SiteId) is null)
                {
                    person.Open.Add(finding);
                }
            }

            foreach (var person in saved)
            {
                Restore(person);
            }

            foreach (var registration in registrations)
            {
                Apply(registration);
            }

            foreach (var sighting in sightings)
            {
                Apply(sighting);
            }

            var changes = new List<Finding>();
            var now = time.GetUtcNow();
            foreach (var person in persons.Values)
            {
                Judge(person, now, changes);
            }

            return changes;
        }
    }

    private PersonState? Apply(Sighting sighting)
    {
        if (PersonFor(sighting.IdNumber, force: false) is not { } person)
        {
            return null;
        }

        // The name of the latest check-in wins, whatever order they come in (a rebuild reads in parallel, and a
        // check-in may come both from the rebuild's read and from the feed).
        if (!string.IsNullOrWhiteSpace(sighting.Name) && (person.CardNameAt is not { } known || sighting.OccurredAt >= known))
        {
            person.CardName = sighting.Name;
            person.CardNameAt = sighting.OccurredAt;
        }

        if (!person.Sites.TryGetValue(sighting.SiteId, out var visits))
        {
            visits = new SiteVisits();
            person.Sites[sighting.SiteId] = visits;
        }

        visits.Add(calendar.DayOf(sighting.OccurredAt), sighting.OccurredAt);
        return person;
    }

    private void Restore(PersonSightings saved)
    {
        // A saved state holds no locals (its district settings are checked before it is read), so none is made here.
        if (PersonFor(saved.IdNumber, force: false) is not { } person)
        {
            return;
        }

        person.CardName = saved.CardName;
        person.CardNameAt = saved.CardNameAt;
        foreach (var (siteId, days) in saved.Sites)
        {
            person.Sites[siteId] = SiteVisits.Of(days);
        }
    }

    private PersonState? Apply(Registration registration)
    {
        if (PersonFor(registration.IdNumber, force: false) is not { } person)
        {
            return null;
        }

        if (person.Registration is { } previous)
        {
            Remove(registrantsBySite, previous.SiteId, person.IdNumber);
        }

        person.Registration = registration;
        Add(registrantsBySite, registration.SiteId, person.IdNumber);
        return person;
    }

    /// <summary>Locals are not tracked (no finding concerns them) unless an open finding from before says otherwise.</summary>
    private PersonState? PersonFor(string idNumber, bool force)
    {
        if (persons.TryGetValue(idNumber, out var person))
        {
            return person;
        }

        if (!force && settings.IsLocal(idNumber))
        {
            return null;
        }

        person = new PersonState(idNumber);
        persons[idNumber] = person;
        return person;
    }

    private List<Finding> JudgeAll(IEnumerable<PersonState> touched)
    {
        var now = time.GetUtcNow();
        var changes = new List<Finding>();
        foreach (var person in touched)
        {
            Judge(person, now, changes);
        }

        return changes;
    }

    private void Judge(PersonState person, DateTimeOffset now, List<Finding> changes)
    {
        var judgement = rules.Judge(person, now, sites);

        foreach (var (finding, why) in judgement.Resolutions)
        {
            var resolved = finding.Resolve(now, why);
            person.Open.Remove(finding);
            changes.Add(resolved);
        }

        foreach (var raise in judgement.Raises)
        {
            var opened = new Finding
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                Type = raise.Type,
                IdNumber = person.IdNumber,
                Name = person.DisplayName,
                SiteId = raise.SiteId,
                Since = raise.Since,
                OpenedAt = now,
            };
            person.Open.Add(opened);
            changes.Add(opened);
        }

        schedule.Set(person.IdNumber, person.DueAt, judgement.NextDue);
        person.DueAt = judgement.NextDue;

        if (person.WaitingOnSite is { } waited)
        {
            Remove(waitingBySite, waited, person.IdNumber);
        }

        person.WaitingOnSite = judgement.WaitingOnSite;
        if (judgement.WaitingOnSite is { } site)
        {
            Add(waitingBySite, site, person.IdNumber);
        }
    }

    private static void Add(Dictionary<string, HashSet<string>> index, string key, string idNumber)
    {
        if (!index.TryGetValue(key, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            index[key] = set;
        }

        set.Add(idNumber);
    }

    private static void Remove(Dictionary<string, HashSet<string>> index, string key, string idNumber)
    {
        if (index.TryGetValue(key, out var set) && set.Remove(idNumber) && set.Count == 0)
        {
            index.Remove(key);
        }
    }
}
