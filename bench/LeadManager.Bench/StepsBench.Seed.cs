using System.Diagnostics;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Intake;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.Bench;

internal static partial class StepsBench
{
    private const string ReceptionAddress = "reception@clinic.test";

    private sealed record Seeded(
        int Requests, IReadOnlyList<long> DueStepIds, IReadOnlyDictionary<string, int> DueByKind, DateTime FirstDue, DateTime LastDue, DateTime FirstLater, int OpenLater, int Closed, TimeSpan Took);

    /// <summary>The clinic's calendar moments the scenario is built on, in UTC.</summary>
    /// <param name="FridayMorning">Friday 30 April 2027, 09:00 clinic time: both sites open until 20:00.</param>
    /// <param name="SaturdayClosing">Saturday 1 May, 13:00: Town Centre closes; Sunday and the bank holiday Monday (3 May) are closed everywhere.</param>
    /// <param name="TuesdayOpening">Tuesday 4 May, 08:00: the first opening since.</param>
    private sealed record LongWeekend(DateTime FridayMorning, DateTime SaturdayClosing, DateTime TuesdayOpening)
    {
        public static LongWeekend In(TimeZoneInfo clinic) => new(
            TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, 4, 30, 9, 0, 0), clinic),
            TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, 5, 1, 13, 0, 0), clinic),
            TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, 5, 4, 8, 0, 0), clinic));

        /// <summary>Friday at <paramref name="hour"/>:<paramref name="minute"/> clinic time (the same offset as Friday 09:00).</summary>
        public DateTime Friday(int hour, int minute) => FridayMorning.AddHours(hour - 9).AddMinutes(minute);
    }

    /// <summary>
    /// A clinic's database on the morning after a long weekend (the Tuesday after the Early May
    /// bank holiday, the week's "Monday"): <paramref name="due"/> open requests whose step the
    /// app's own calendar makes due within minutes of the first opening (requests that arrived
    /// while the clinic was closed and nobody assigned, requests assigned on Friday evening and
    /// never called, calls agreed for the first slot on Tuesday that nobody recorded); a fifth of
    /// all requests open with a step due later that morning or week; the rest closed over the
    /// past year, their steps finished. Every request has its two intake emails, sent. Requests
    /// are made through the lifecycle methods and their open steps by
    /// <see cref="FollowUpPlanner.Reconcile"/>, so the steps are the ones the app plans; the rows
    /// are written by the intake writer's own prepared inserts (<see cref="SqliteBatchInserts"/>),
    /// 10,000 requests a transaction.
    /// </summary>
    private static async Task<Seeded> SeedAsync(IServiceProvider services, int requests, int due, LongWeekend weekend)
    {
        var clock = Stopwatch.StartNew();
        var calendars = await services.GetRequiredService<FollowUpPlanner>().CalendarsAsync(CancellationToken.None);
        await using var db = await services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var clinicians = await db.StaffMembers.AsNoTracking().Where(s => s.Specialties != BodyAreas.None && s.IsActive).ToListAsync();
        var sites = await db.Sites.Where(s => s.IsActive).Select(s => s.Id).ToListAsync();
        var taken = (await db.Leads.Select(l => l.Reference).ToListAsync()).ToHashSet();
        var random = new Random(14);
        var openLater = Math.Min(requests / 5, Math.Max(0, requests - due));
        var dueIds = new List<long>(due);
        var dueByKind = new Dictionary<string, int>();
        var (firstDue, lastDue, firstLater) = (DateTime.MaxValue, DateTime.MinValue, DateTime.MaxValue);
        const int PerTransaction = 10_000;
        for (var first = 0; first < requests; first += PerTransaction)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            using (var inserts = new SqliteBatchInserts(db))
            {
                for (var i = first; i < Math.Min(requests, first + PerTransaction); i++)
                {
                    var reference = NewReference(taken);
                    var site = sites[random.Next(sites.Count)];
                    var clinician = clinicians[random.Next(clinicians.Count)];
                    var lead = i < due ? DueRequest(i, reference, site, clinician, random, weekend, calendars)
                        : i < due + openLater ? LaterRequest(i, reference, site, clinician, random, weekend)
                        : ClosedRequest(i, reference, site, clinician, random, weekend);
                    var steps = lead.IsOpen ? FollowUpPlanner.Reconcile(lead, [], calendars, lead.StageStartedAt) : [FinishedStep(lead, i)];
                    if (lead.IsOpen && steps.Count == 0)
                    {
                        throw new InvalidOperationException($"The planner gave open request {i} no step.");
                    }

                    inserts.Insert(lead, SentIntakeEmails(lead), steps);
                    foreach (var step in steps)
                    {
                        if (i < due)
                        {
                            dueIds.Add(step.Id);
                            dueByKind[step.Kind] = dueByKind.GetValueOrDefault(step.Kind) + 1;
                            (firstDue, lastDue) = (Min(firstDue, step.DueAt), Max(lastDue, step.DueAt));
                        }
                        else if (lead.IsOpen)
                        {
                            firstLater = Min(firstLater, step.DueAt);
                        }
                    }
                }
            }

            await transaction.CommitAsync();
        }

        return new Seeded(requests, dueIds, dueByKind, firstDue, lastDue, firstLater, openLater, requests - Math.Min(requests, due) - openLater, clock.Elapsed);
    }

    private static Lead DueRequest(int n, string reference, int site, StaffMember clinician, Random random, LongWeekend weekend, WorkflowTargets.Calendars calendars)
    {
        switch (n % 4)
        {
            case 2:
                // Assigned 45 minutes before the site's last closing (Friday 20:00, or Saturday 13:00
                // where it opens on Saturdays), never called: the hour of business time ends at 08:15 on Tuesday.
                var lastClosing = calendars.For(site).Add(weekend.Friday(19, 59), TimeSpan.FromMinutes(2)) > weekend.TuesdayOpening
                    ? weekend.Friday(20, 0)
                    : weekend.SaturdayClosing;
                var assigned = lastClosing.AddMinutes(-45).AddSeconds(random.Next(0, 60));
                var given = NewLead(n, reference, site, assigned.AddMinutes(-random.Next(1, 15)), "Due");
                given.Assign(clinician, Actor.System, assigned);
                return given;
            case 3:
                // The first slot on Tuesday, agreed on Friday; nobody recorded the call.
                var created = weekend.Friday(10, random.Next(0, 480));
                var booked = NewLead(n, reference, site, created, "Due");
                booked.Assign(clinician, Actor.System, created.AddMinutes(5));
                booked.Schedule(weekend.TuesdayOpening, Actor.System, created.AddMinutes(10));
                return booked;
            default:
                // Arrived while every site was closed: 15 minutes of business time end at 08:15 on Tuesday.
                var closedFor = (int)(weekend.TuesdayOpening - weekend.SaturdayClosing).TotalMinutes;
                return NewLead(n, reference, site, weekend.SaturdayClosing.AddMinutes(random.Next(0, closedFor)), "Due");
        }
    }

    private static Lead LaterRequest(int n, string reference, int site, StaffMember clinician, Random random, LongWeekend weekend)
    {
        if (n % 2 == 0)
        {
            // Assigned by reception in Tuesday's first quarter hour: the first call is due from 09:00.
            var closedFor = (int)(weekend.TuesdayOpening - weekend.SaturdayClosing).TotalMinutes;
            var lead = NewLead(n, reference, site, weekend.SaturdayClosing.AddMinutes(random.Next(0, closedFor)), "Later");
            lead.Assign(clinician, Actor.System, weekend.TuesdayOpening.AddMinutes(random.Next(0, 15)));
            return lead;
        }

        // A call agreed on Friday for Tuesday 10:00 or later in the week.
        var created = weekend.Friday(9, random.Next(0, 540));
        var booked = NewLead(n, reference, site, created, "Later");
        booked.Assign(clinician, Actor.System, created.AddMinutes(5));
        booked.Schedule(weekend.TuesdayOpening.AddHours(2).AddMinutes(15 * random.Next(0, 4 * 72)), Actor.System, created.AddMinutes(10));
        return booked;
    }

    private static Lead ClosedRequest(int n, string reference, int site, StaffMember clinician, Random random, LongWeekend weekend)
    {
        var created = weekend.FridayMorning.AddDays(-random.Next(7, 365)).AddMinutes(random.Next(0, 600));
        var lead = NewLead(n, reference, site, created, "Closed");
        lead.Assign(clinician, Actor.System, created.AddMinutes(5));
        lead.RecordOutcome(CloseReason.NotInterested, clinician, Actor.System, created.AddMinutes(30));
        return lead;
    }

    /// <summary>A closed request's first-call step: ran (a third) or was skipped when the call was made.</summary>
    private static FollowUpStep FinishedStep(Lead lead, int n)
    {
        var ran = n % 3 == 0;
        var assigned = lead.CreatedAt.AddMinutes(5);
        return new FollowUpStep
        {
            Kind = FollowUpKinds.FirstContactOverdue,
            DueAt = assigned.AddHours(1),
            MadeFor = assigned,
            MadeForVersion = 2,
            Status = ran ? FollowUpStatus.Done : FollowUpStatus.Skipped,
            SkipReason = ran ? null : "A call was made or agreed before this was due.",
            CreatedAt = assigned,
            CompletedAt = ran ? assigned.AddHours(1) : lead.CreatedAt.AddMinutes(30),
        };
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static Lead NewLead(int n, string reference, int site, DateTime created, string firstName)
    {
        var lead = Lead.Create(reference, LeadChannel.Form, TriageLevel.Routine, Actor.Patient, created);
        lead.FirstName = firstName;
        lead.LastName = $"Patient {n}";
        lead.Email = $"steps{n}@example.com";
        lead.Phone = $"+447911{100000 + (n % 400000):000000}";
        lead.BodyArea = (BodyArea)(1 + (n % 13));
        lead.PreferredSiteId = site;
        lead.PreferredCallTimes = PreferredCallTimes.Mornings | PreferredCallTimes.Weekdays;
        return lead;
    }

    private static OutboundEmail[] SentIntakeEmails(Lead lead) =>
        [Sent(OutboundEmailKinds.Due(lead, OutboundEmailKinds.PatientConfirmation, lead.Email!, lead.CreatedAt)),
         Sent(OutboundEmailKinds.Due(lead, OutboundEmailKinds.ReceptionNewRequest, ReceptionAddress, lead.CreatedAt))];

    private static OutboundEmail Sent(OutboundEmail email)
    {
        email.Lead = null;
        email.Status = OutboundEmailStatus.Sent;
        email.Attempts = 1;
        email.SentAt = email.CreatedAt.AddSeconds(2);
        return email;
    }

    private static string NewReference(HashSet<string> taken)
    {
        string reference;
        do
        {
            // 27^6 codes: collisions are real at this volume; intake retries the same way.
            reference = LeadReference.New();
        }
        while (!taken.Add(reference));

        return reference;
    }
}
