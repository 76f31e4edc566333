using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Demo;

/// <summary>
/// Demo data for development and tests (Demo:Seed): two sites, six staff, ~30 requests in
/// every status, close reason and triage level. Requests are made through the lifecycle
/// actions at past times, so their timelines read like real ones. All names are fictional;
/// phone numbers are in Ofcom's drama range and emails at example.com.
/// </summary>
internal sealed class DemoSeeder(
    IDbContextFactory<LeadDbContext> dbFactory,
    UserManager<IdentityUser> users,
    IOptions<DemoOptions> options,
    TimeProvider timeProvider,
    ClinicClock clock,
    IOptionsMonitor<WorkflowOptions> workflow,
    ILogger<DemoSeeder> logger) : IDatabaseSeeder
{
    public const string AdminEmail = "admin@clinic.test";
    public const string ReceptionistEmail = "reception@clinic.test";
    public const string ClinicianEmail = "clinician@clinic.test";

    private static readonly DemoStaff[] Staff =
    [
        new(AdminEmail, "Grace Bennett", StaffRoles.Admin, BodyAreas.None, [], []),
        new(ReceptionistEmail, "Sophie Hale", StaffRoles.Receptionist, BodyAreas.None, [], []),
        new("reception2@clinic.test", "Daniel Brooks", StaffRoles.Receptionist, BodyAreas.None, [], []),
        new(ClinicianEmail, "Priya Shah", StaffRoles.Clinician,
            BodyAreas.Neck | BodyAreas.HeadHeadaches | BodyAreas.Jaw | BodyAreas.UpperBack,
            ["Riverside"], [(DayOfWeek.Monday, 8, 16), (DayOfWeek.Tuesday, 8, 16), (DayOfWeek.Wednesday, 8, 16), (DayOfWeek.Thursday, 8, 16)]),
        new("clinician2@clinic.test", "Tom Okafor", StaffRoles.Clinician,
            BodyAreas.Knee | BodyAreas.AnkleFoot | BodyAreas.Hip,
            ["Town Centre"], [(DayOfWeek.Tuesday, 9, 17), (DayOfWeek.Wednesday, 9, 17), (DayOfWeek.Thursday, 9, 17), (DayOfWeek.Friday, 9, 17), (DayOfWeek.Saturday, 9, 13)]),
        new("clinician3@clinic.test", "Hannah Lewis", StaffRoles.Clinician,
            BodyAreas.LowerBack | BodyAreas.UpperBack | BodyAreas.Hip | BodyAreas.MoreThanOneArea,
            ["Riverside", "Town Centre"], [(DayOfWeek.Monday, 9, 17), (DayOfWeek.Wednesday, 9, 17), (DayOfWeek.Friday, 9, 17)]),
        new("clinician4@clinic.test", "Marcus Reid", StaffRoles.Clinician,
            BodyAreas.Shoulder | BodyAreas.Elbow | BodyAreas.WristHand | BodyAreas.Knee | BodyAreas.Hip,
            ["Town Centre"], [(DayOfWeek.Monday, 12, 20), (DayOfWeek.Tuesday, 12, 20), (DayOfWeek.Wednesday, 12, 20), (DayOfWeek.Thursday, 12, 20), (DayOfWeek.Friday, 12, 20)]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed)
        {
            return;
        }

        if (await users.FindByEmailAsync(AdminEmail) is not null)
        {
            return;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var riverside = NewSite("Riverside", "4 Mill Lane, Riverside RV1 2AB", "+441632960001");
        var townCentre = NewSite("Town Centre", "27 High Street, Townsville TC4 5CD", "+441632960002");
        townCentre.OpeningHours.Add(new SiteOpeningHours { Day = DayOfWeek.Saturday, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(13, 0) });
        townCentre.Closures.Add(new SiteClosure { FirstDay = TrainingDay(now), LastDay = TrainingDay(now), Reason = "Staff training day" });
        // A closure of more than a day, far enough ahead to disturb no timer.
        var refurbishment = TrainingDay(now).AddDays(22); // a Thursday
        townCentre.Closures.Add(new SiteClosure { FirstDay = refurbishment, LastDay = refurbishment.AddDays(1), Reason = "Refurbishment" });
        db.Sites.AddRange(riverside, townCentre);

        var staffByEmail = new Dictionary<string, StaffMember>();
        foreach (var person in Staff)
        {
            var user = new IdentityUser { UserName = person.Email, Email = person.Email, EmailConfirmed = true };
            DatabaseInitialiser.Check(await users.CreateAsync(user, options.Value.Password), $"create demo user {person.Email}");
            DatabaseInitialiser.Check(await users.AddToRoleAsync(user, person.Role), $"add {person.Email} to {person.Role}");
            var member = new StaffMember
            {
                UserId = user.Id,
                DisplayName = person.Name,
                Specialties = person.Specialties,
                Sites = person.Sites.Select(name => name == riverside.Name ? riverside : townCentre).ToList(),
                WorkingHours = person.Hours.Select(h => new StaffWorkingHours { Day = h.Day, Starts = new TimeOnly(h.From, 0), Ends = new TimeOnly(h.To, 0) }).ToList(),
                CallLengthMinutes = person.Role == StaffRoles.Clinician ? 15 : 0,
                DailyCallCapacity = person.Role == StaffRoles.Clinician ? 10 : 0,
            };
            staffByEmail[person.Email] = member;
            db.StaffMembers.Add(member);
        }

        // Hannah's week of holiday three weeks on: she is offered no free slots then, and the call
        // below, agreed before she booked it, shows on the board as needing a new clinician.
        var hannahsHoliday = HolidayStart(now);
        staffByEmail["clinician3@clinic.test"].Leave.Add(new StaffLeave { FirstDay = hannahsHoliday, LastDay = hannahsHoliday.AddDays(6) });

        // Saved now so the sites and staff have ids the bookings below can name.
        await db.SaveChangesAsync(cancellationToken);

        var reception = staffByEmail[ReceptionistEmail];
        var byReception = Actor.Staff(reception.Id, reception.DisplayName);
        var priya = staffByEmail[ClinicianEmail];
        var tom = staffByEmail["clinician2@clinic.test"];
        var hannah = staffByEmail["clinician3@clinic.test"];
        var marcus = staffByEmail["clinician4@clinic.test"];
        Actor As(StaffMember m) => Actor.Staff(m.Id, m.DisplayName);

        var leads = new List<Lead>();
        Lead Make(string first, string last, BodyArea area, string concern, TimeSpan ago, TriageLevel triage = TriageLevel.Routine,
            LeadChannel channel = LeadChannel.Form, Site? site = null, RedFlags flags = RedFlags.None)
        {
            var created = now - ago;
            var lead = Lead.Create(LeadReference.New(), channel, triage,
                channel is LeadChannel.Phone or LeadChannel.WalkIn ? byReception : Actor.Patient, created);
            lead.CallFor = CallFor.Self;
            lead.FirstName = first;
            lead.LastName = last;
            lead.Email = $"{first}.{last}@example.com".ToLowerInvariant();
            lead.Phone = $"+447700900{leads.Count + 100:000}";
            lead.PreferredSite = site ?? riverside;
            lead.PreferredCallTimes = PreferredCallTimes.Mornings | PreferredCallTimes.Weekdays;
            lead.BodyArea = area;
            lead.Concern = concern;
            lead.SymptomDuration = SymptomDuration.Months;
            lead.PreviousCare = PreviousCare.GP;
            lead.RedFlags = flags;
            lead.Funding = leads.Count % 3 == 0 ? Funding.HealthInsurance : Funding.SelfPay;
            lead.InsurerName = lead.Funding == Funding.HealthInsurance ? "Bupa" : null;
            lead.HeardAbout = leads.Count % 2 == 0 ? "Website article" : "Friend or family";
            lead.ContactConsentAt = created;
            lead.HealthDataConsentAt = created;
            lead.PrivacyNoticeVersion = "2026-11";
            lead.UtmSource = channel == LeadChannel.Form ? "website" : null;
            leads.Add(lead);
            return lead;
        }

        var m = TimeSpan.FromMinutes(1);
        var h = TimeSpan.FromHours(1);
        var d = TimeSpan.FromDays(1);
        DateTime At(TimeSpan ago) => now - ago;

        // New: waiting for reception, two of them overdue.
        Make("Eleanor", "Hughes", BodyArea.Neck, "Neck pain with headaches most afternoons, worse after long days at the laptop. GP suggested physio.", 3 * m);
        Make("Callum", "Fraser", BodyArea.Knee, "Knee gave way playing five-a-side; dislocated kneecap last year and it still feels unstable.", 12 * m, site: townCentre);
        Make("Aisha", "Rahman", BodyArea.LowerBack, "Lower back pain for three months after moving house. Stiff every morning.", 2 * h);
        Make("Gareth", "Pryce", BodyArea.WristHand, "Wrist pain when typing and lifting the kettle.", 26 * h, channel: LeadChannel.Phone, triage: TriageLevel.NotScreened);
        Make("Morag", "Campbell", BodyArea.HeadHeadaches, "Headaches that start at the base of the skull. Seen a neurologist, scans clear.", 30 * h, channel: LeadChannel.Api);

        // ReviewFirst, waiting for a clinician's review.
        var review = Make("Owen", "Pritchard", BodyArea.Neck, "Neck pain and some pins and needles in the left hand since a fall on ice.", 40 * m,
            triage: TriageLevel.ReviewFirst, flags: RedFlags.NewNumbnessOrPinsAndNeedles | RedFlags.RecentFallOrBlow);
        review.Assign(priya, byReception, At(30 * m));

        // Assigned, no call time yet.
        Make("Lucy", "Marsh", BodyArea.Hip, "Hip pain after a total hip replacement eight weeks ago; want help getting back to walking.", 5 * h, site: townCentre)
            .Assign(marcus, byReception, At(4 * h));
        Make("Ravi", "Patel", BodyArea.LowerBack, "Sciatica-type pain down the right leg, worse sitting.", 20 * h)
            .Assign(hannah, byReception, At(19 * h));
        Make("Beth", "Carter", BodyArea.Jaw, "Jaw clicking and aching, with tension headaches.", 3 * d, channel: LeadChannel.Embed)
            .Assign(priya, byReception, At(3 * d - 2 * h));

        // Scheduled: call times agreed for later today and tomorrow.
        var scheduled = new[]
        {
            (Make("Fiona", "Doyle", BodyArea.Elbow, "Stiff elbow after surgery for a fracture; can't straighten it fully.", 6 * h, site: townCentre), marcus, 2 * h),
            (Make("Harry", "Nolan", BodyArea.Knee, "Knee pain running downhill, training for a half marathon.", 22 * h, site: townCentre), tom, 20 * h),
            (Make("Imogen", "Wells", BodyArea.Neck, "Neck stiffness and headaches, worse with stress.", 2 * d), priya, 26 * h),
            (Make("Jack", "Ellis", BodyArea.LowerBack, "Recurring lower back pain, three episodes this year.", 30 * h, channel: LeadChannel.WalkIn, triage: TriageLevel.NotScreened), hannah, 5 * h),
        };
        foreach (var (lead, clinician, inFuture) in scheduled)
        {
            var assignedAt = lead.CreatedAt + 20 * m;
            lead.Assign(clinician, byReception, assignedAt);
            lead.Schedule(now + inFuture, byReception, assignedAt + m);
        }

        // Agreed weeks ahead, on a day Hannah has since booked as leave.
        var inHannahsLeave = Make("Olivia", "Grant", BodyArea.LowerBack, "Lower back ache after long drives.", 3 * d);
        inHannahsLeave.Assign(hannah, byReception, At(3 * d - h));
        inHannahsLeave.Schedule(clock.ToUtc(hannahsHoliday.ToDateTime(new TimeOnly(10, 0))), byReception, At(3 * d - h + m));

        // Attempted: unanswered calls, the next try in another part of the clinician's next working day.
        (DateTime From, DateTime By)? NextTry(StaffMember clinician, DateTime attemptAt, Site? site) =>
            NextAttemptWindow.After(attemptAt, clinician.WorkingHours, site is null ? BusinessHours.Combined([riverside, townCentre], clock.TimeZone) : BusinessHours.ForSite(site, clock.TimeZone), PreferredCallTimes.None, clock.TimeZone);
        var attempted = Make("Kieran", "Walsh", BodyArea.AnkleFoot, "Ankle keeps rolling since a sprain in the summer.", 2 * d, site: townCentre);
        attempted.Assign(tom, byReception, At(2 * d - h));
        attempted.RecordAttempt(tom, CallAttemptResult.NoAnswer, null, As(tom), At(2 * d - 2 * h), NextTry(tom, At(2 * d - 2 * h), townCentre));
        var attempted2 = Make("Nadia", "Khan", BodyArea.Shoulder, "Shoulder pain reaching overhead, can't sleep on that side.", 3 * d);
        attempted2.Assign(marcus, byReception, At(3 * d - h));
        attempted2.RecordAttempt(marcus, CallAttemptResult.LeftVoicemail, "Left a message with the clinic number.", As(marcus), At(2 * d), NextTry(marcus, At(2 * d), null));
        attempted2.RecordAttempt(marcus, CallAttemptResult.NoAnswer, null, As(marcus), At(d), NextTry(marcus, At(d), null));

        // Three unanswered calls: the kind close is due in two business days unless someone reaches them first.
        var lastTry = Make("Zara", "Ahmed", BodyArea.Knee, "Knee swells after running.", 5 * d, site: riverside);
        lastTry.Assign(priya, byReception, At(5 * d - h));
        foreach (var ago in new[] { 4 * d - 2 * h, 2 * d - 5 * h, 3 * h })
        {
            lastTry.RecordAttempt(priya, CallAttemptResult.NoAnswer, null, As(priya), At(ago), NextTry(priya, At(ago), riverside));
        }

        // A wrong number: not tried again; reception checks the details.
        var wrongNumber = Make("Ben", "Carter", BodyArea.LowerBack, "Lower back stiff in the mornings.", d, site: townCentre);
        wrongNumber.Assign(tom, byReception, At(d - h));
        wrongNumber.RecordAttempt(tom, CallAttemptResult.WrongNumber, "The number belongs to someone else.", As(tom), At(d - 2 * h));

        // Closed, one of each reason.
        var booked = Make("Olivia", "Grant", BodyArea.Neck, "Neck pain and headaches for two years; tried painkillers and massage.", 6 * d);
        booked.Assign(priya, byReception, At(6 * d - 10 * m));
        booked.RecordOutcome(CloseReason.BookedAssessment, priya, As(priya), At(6 * d - h),
            booking: new AssessmentBookingDetails(At(4 * d), riverside.Id, "PX-10482"));
        var booked2 = Make("Peter", "Young", BodyArea.Knee, "Knee after a dislocation; physio from the hospital has finished.", 8 * d, site: townCentre);
        booked2.Assign(tom, byReception, At(8 * d - 30 * m));
        booked2.RecordOutcome(CloseReason.BookedAssessment, tom, As(tom), At(8 * d - 2 * h),
            booking: new AssessmentBookingDetails(At(5 * d), townCentre.Id, null));

        var notSuitable = Make("Quentin", "Hale", BodyArea.Other, "Wants a sports massage before a race.", 9 * d);
        notSuitable.Assign(hannah, byReception, At(9 * d - h));
        notSuitable.RecordOutcome(CloseReason.NotSuitable, hannah, As(hannah), At(9 * d - 3 * h));

        var emergency = Make("Rosa", "Ferreira", BodyArea.HeadHeadaches, "Sudden severe headache this morning, the worst ever.", 10 * d,
            triage: TriageLevel.Emergency, flags: RedFlags.SuddenSevereHeadache);
        emergency.Assign(priya, byReception, At(10 * d - 5 * m));
        emergency.RecordClinicalReview(priya, ClinicalReviewDecision.NeedsUrgentCare, "Advised A&E now; patient's partner driving her in.", As(priya), At(10 * d - 15 * m));
        emergency.RecordOutcome(CloseReason.ReferredElsewhere, priya, As(priya), At(10 * d - 14 * m),
            referral: new ReferralDetails(ReferralDestination.UrgentCare, "Sent to A&E."));

        var reviewedThenBooked = Make("Samir", "Aziz", BodyArea.LowerBack, "Lower back pain with night pain; history of prostate cancer, in remission.", 12 * d,
            triage: TriageLevel.ReviewFirst, flags: RedFlags.WeightLossOrCancerHistory | RedFlags.ConstantNightPain);
        reviewedThenBooked.Assign(hannah, byReception, At(12 * d - h));
        reviewedThenBooked.RecordClinicalReview(hannah, ClinicalReviewDecision.SafeToProceed, "Spoke with GP; oncology happy for physio.", As(hannah), At(11 * d));
        reviewedThenBooked.RecordOutcome(CloseReason.BookedAssessment, hannah, As(hannah), At(11 * d - h),
            booking: new AssessmentBookingDetails(At(9 * d), riverside.Id, "PX-10377"));

        var referred = Make("Tara", "Quinn", BodyArea.WristHand, "Numb fingers at night, GP mentioned carpal tunnel.", 14 * d);
        referred.Assign(marcus, byReception, At(14 * d - h));
        referred.RecordOutcome(CloseReason.ReferredElsewhere, marcus, As(marcus), At(14 * d - 2 * h),
            referral: new ReferralDetails(ReferralDestination.GP, "Needs nerve conduction studies first."));

        var notInterested = Make("Umar", "Sheikh", BodyArea.Shoulder, "Shoulder ache, probably from the gym.", 15 * d);
        notInterested.Assign(marcus, byReception, At(15 * d - h));
        notInterested.RecordOutcome(CloseReason.NotInterested, marcus, As(marcus), At(15 * d - 4 * h));

        var noResponse = Make("Vicky", "Lam", BodyArea.Hip, "Hip pain when climbing stairs.", 20 * d, site: townCentre);
        noResponse.Assign(tom, byReception, At(20 * d - h));
        for (var i = 0; i < 3; i++)
        {
            noResponse.RecordAttempt(tom, CallAttemptResult.NoAnswer, null, As(tom), At(20 * d - (i + 2) * h - i * d));
        }

        noResponse.RecordOutcome(CloseReason.NoResponse, null, Actor.System, At(16 * d));

        var cancelled = Make("William", "Archer", BodyArea.LowerBack, "Back pain, feeling better already.", 4 * d);
        cancelled.Assign(hannah, byReception, At(4 * d - h));
        cancelled.Schedule(At(3 * d), byReception, At(4 * d - h + m));
        cancelled.CancelByPatient(Actor.Patient, At(4 * d - 3 * h));

        var original = Make("Xena", "Morris", BodyArea.Knee, "Knee pain after a dislocation two years ago.", 7 * d, site: townCentre);
        original.Assign(tom, byReception, At(7 * d - h));
        var duplicate = Make("Xena", "Morris", BodyArea.Knee, "Sent this twice, sorry - knee pain.", 7 * d - 5 * m, site: townCentre);
        duplicate.MarkDuplicateOf(original, byReception, At(7 * d - h + m));
        original.RecordOutcome(CloseReason.BookedAssessment, tom, As(tom), At(6 * d),
            booking: new AssessmentBookingDetails(At(4 * d), townCentre.Id, "PX-10455"));

        var spam = Make("Cheap", "Backlinks", BodyArea.Other, "Buy SEO services now!!! Visit our site.", 5 * d, channel: LeadChannel.Api);
        spam.MarkSpam(byReception, At(5 * d - h));

        // Reopened after a mistaken close: back with its clinician.
        var reopened = Make("Yasmin", "Doherty", BodyArea.UpperBack, "Upper back pain between the shoulder blades.", 2 * d);
        reopened.Assign(hannah, byReception, At(2 * d - h));
        reopened.RecordOutcome(CloseReason.NotInterested, hannah, As(hannah), At(2 * d - 2 * h));
        reopened.Reopen(byReception, At(2 * d - 90 * m));

        // A few more recent ones so the board looks like a working week.
        Make("Zoe", "Barker", BodyArea.Neck, "Whiplash-type neck pain after a minor car accident, no other symptoms.", 50 * m);
        Make("Adam", "Hussain", BodyArea.AnkleFoot, "Heel pain first thing in the morning.", 4 * h, site: townCentre)
            .Assign(tom, byReception, At(3 * h));
        Make("Carys", "Jones", BodyArea.MoreThanOneArea, "Neck and lower back pain, desk job, tried everything.", 8 * h);

        db.Leads.AddRange(leads);
        await db.SaveChangesAsync(cancellationToken);
        var steps = PlanFollowUps(db, leads, [riverside, townCentre], now);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo follow-up steps: {Pending} pending, {Done} escalated already", steps.Count(s => s.Status == FollowUpStatus.Pending), steps.Count(s => s.Status == FollowUpStatus.Done));
        logger.LogInformation("Demo data created: {Sites} sites, {Staff} staff, {Leads} requests", 2, Staff.Length, leads.Count);
    }

    /// <summary>
    /// The steps the planner gives each demo request. Those whose time has passed are shown as
    /// having run (the board marks them escalated) without writing emails that would go out now;
    /// the rest stay pending, so the lead page shows what is due next.
    /// </summary>
    private List<Data.Outbox.FollowUp> PlanFollowUps(LeadDbContext db, List<Lead> leads, IReadOnlyCollection<Site> sites, DateTime now)
    {
        var calendars = new WorkflowTargets.Calendars(
            sites.ToDictionary(s => s.Id, s => BusinessHours.ForSite(s, clock.TimeZone)),
            BusinessHours.Combined(sites, clock.TimeZone),
            workflow);
        var all = new List<Data.Outbox.FollowUp>();
        foreach (var lead in leads)
        {
            var steps = new List<Data.Outbox.FollowUp>();
            // Twice: reception's escalation having run, the manager's follows it.
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var step in FollowUpPlanner.Reconcile(lead, steps, calendars, lead.UpdatedAt))
                {
                    if (step.DueAt <= now)
                    {
                        step.Status = FollowUpStatus.Done;
                        step.CompletedAt = step.DueAt;
                        db.LeadEvents.Add(LeadEvent.ForStep(lead.Id, LeadEventKind.FollowUpRan, step.DueAt, $"{FollowUpKinds.Describe(step.Kind)} (demo data: no email was sent)."));
                    }

                    steps.Add(step);
                }
            }

            db.FollowUps.AddRange(steps);
            all.AddRange(steps);
        }

        return all;
    }

    private static Site NewSite(string name, string address, string phone)
    {
        var site = new Site { Name = name, Address = address, Phone = phone, BankHolidayRegion = BankHolidayRegion.EnglandAndWales };
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            site.OpeningHours.Add(new SiteOpeningHours { Day = day, Opens = new TimeOnly(8, 0), Closes = new TimeOnly(20, 0) });
        }

        return site;
    }

    // Far enough ahead not to disturb the demo's timers and free slots, near enough to be seen: the Wednesday two weeks on.
    private static DateOnly TrainingDay(DateTime nowUtc)
    {
        var day = DateOnly.FromDateTime(nowUtc).AddDays(14);
        return day.AddDays(((int)DayOfWeek.Wednesday - (int)day.DayOfWeek + 7) % 7);
    }

    // The Monday three weeks on: clear of every timer and free-slot window the demo shows today.
    private static DateOnly HolidayStart(DateTime nowUtc)
    {
        var day = DateOnly.FromDateTime(nowUtc).AddDays(21);
        return day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);
    }

    private sealed record DemoStaff(string Email, string Name, string Role, BodyAreas Specialties, string[] Sites, (DayOfWeek Day, int From, int To)[] Hours);
}
