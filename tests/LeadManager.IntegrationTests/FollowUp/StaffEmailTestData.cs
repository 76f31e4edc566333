using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// The app for the staff-email tests: the demo staff (roles, sites, working hours), no job
/// server (each test runs the planner, the steps and the sends itself), and optionally a fake
/// clock and a real SMTP server.
/// </summary>
internal static class StaffEmailTestData
{
    /// <summary>A name and a concern no staff email may ever print.</summary>
    public const string FirstName = "Zebedee";
    public const string LastName = "Quixworth";
    public const string Concern = "SECRET-CONCERN numb fingers and headaches";

    public static TestApp App(FakeTimeProvider? clock = null, int? smtpPort = null, LogCapture? logs = null)
    {
        var settings = new Dictionary<string, string?> { ["FollowUp:ProcessJobs"] = "false" };
        void Services(IServiceCollection services)
        {
            if (clock is not null)
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            }

            if (logs is not null)
            {
                services.AddSingleton<ILoggerProvider>(logs);
            }
        }

        return smtpPort is { } port
            ? OutboxEmailTests.SmtpApp(port, settings, Services)
            : new TestApp("Testing", settings, services: Services);
    }

    /// <summary>A fake clock at this clinic (Europe/London) wall-clock time.</summary>
    public static FakeTimeProvider ClockAt(DateTime clinicTime) =>
        new(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(clinicTime, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")), TimeSpan.Zero));

    public static DateTime Utc(DateTime clinicTime) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(clinicTime, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    public static async Task<int> SiteIdAsync(LeadDbContext db, string name) =>
        await db.Sites.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();

    /// <summary>A request from <see cref="FirstName"/> <see cref="LastName"/>, not saved; <paramref name="arrange"/> moves it on through the lifecycle.</summary>
    public static Lead NewLead(DateTime createdUtc, TriageLevel triage = TriageLevel.Routine, int? siteId = null, Action<Lead>? arrange = null)
    {
        var lead = Lead.Create(LeadReference.New(), LeadChannel.Form, triage, Actor.Patient, createdUtc);
        lead.FirstName = FirstName;
        lead.LastName = LastName;
        lead.Email = $"zebedee.{Guid.NewGuid():N}@example.com";
        lead.Phone = "+447911" + Random.Shared.Next(100000, 299999);
        lead.BodyArea = BodyArea.Neck;
        lead.Concern = Concern;
        lead.RedFlags = triage == TriageLevel.Routine ? RedFlags.None : RedFlags.NewNumbnessOrPinsAndNeedles;
        lead.PreferredSiteId = siteId;
        lead.ContactConsentAt = createdUtc;
        lead.HealthDataConsentAt = createdUtc;
        lead.PrivacyNoticeVersion = "2026-11";
        arrange?.Invoke(lead);
        return lead;
    }

    public static FollowUpStep Step(string kind, Lead? lead, DateTime dueAtUtc, DateTime madeForUtc, int? staffMemberId = null) => new()
    {
        Lead = lead,
        LeadId = lead is { Id: > 0 } ? lead.Id : null,
        StaffMemberId = staffMemberId,
        Kind = kind,
        DueAt = dueAtUtc,
        MadeFor = madeForUtc,
        Status = FollowUpStatus.Pending,
        CreatedAt = dueAtUtc,
    };

    public static StaffMember Staff(LeadDbContext db, string email) => LeadTestData.Staff(db, email);

    public static Actor Reception(LeadDbContext db) => LeadTestData.ActorFor(Staff(db, LeadTestData.Reception));

    public static Task<LeadDbContext> DbAsync(TestApp app) =>
        app.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
}
