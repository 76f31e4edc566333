using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Leads;

/// <summary>Builds leads straight through the lifecycle, and signed-in principals the way the cookie makes them.</summary>
internal static class LeadTestData
{
    public const string Admin = "admin@clinic.test";
    public const string Reception = "reception@clinic.test";
    public const string ClinicianA = "clinician@clinic.test";
    public const string ClinicianB = "clinician2@clinic.test";

    public sealed record Created(int Id, string Reference, int Version);

    /// <summary>The same principal sign-in puts in the cookie (user id and role claims from Identity).</summary>
    public static async Task<ClaimsPrincipal> PrincipalAsync(TestApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<IdentityUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No demo user {email}.");
        return await factory.CreateAsync(user);
    }

    public static async Task<StaffMember> StaffAsync(TestApp app, string email)
    {
        await using var db = await NewDbAsync(app);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.StaffMembers.AsNoTracking().SingleAsync(s => s.UserId == userId);
    }

    /// <summary>A new request, then whatever <paramref name="arrange"/> does to it through the lifecycle (assign, schedule...).</summary>
    public static async Task<Created> CreateLeadAsync(
        TestApp app,
        TriageLevel triage = TriageLevel.Routine,
        Action<Lead, LeadDbContext>? arrange = null,
        string lastName = "Testcase",
        string? email = null,
        string? phone = null)
    {
        await using var db = await NewDbAsync(app);
        var now = DateTime.UtcNow;
        var lead = Lead.Create(LeadReference.New(), LeadChannel.Form, triage, Actor.Patient, now.AddMinutes(-30));
        lead.FirstName = "Robin";
        lead.LastName = lastName;
        lead.Email = email ?? $"robin.{Guid.NewGuid():N}@example.com";
        lead.Phone = phone ?? "+447911" + Random.Shared.Next(100000, 299999);
        lead.BodyArea = BodyArea.Knee;
        lead.Concern = "Knee hurts on stairs";
        lead.RedFlags = triage == TriageLevel.ReviewFirst ? RedFlags.NewNumbnessOrPinsAndNeedles : RedFlags.None;
        lead.ContactConsentAt = now;
        lead.HealthDataConsentAt = now;
        lead.PrivacyNoticeVersion = "2026-11";
        db.Leads.Add(lead);
        arrange?.Invoke(lead, db);
        await db.SaveChangesAsync();
        return new Created(lead.Id, lead.Reference, lead.Version);
    }

    /// <summary>
    /// A new request as if it had arrived at <paramref name="at"/> (a fake clock's now, or a time
    /// in its past): its arrival, stage and review-request times are set to it before
    /// <paramref name="arrange"/> runs, so the workflow's targets count from there.
    /// </summary>
    public static Task<Created> CreateLeadAtAsync(
        TestApp app,
        DateTime at,
        TriageLevel triage = TriageLevel.Routine,
        Action<Lead, LeadDbContext>? arrange = null,
        string lastName = "Testcase",
        int? siteId = null) =>
        CreateLeadAsync(app, triage, (lead, db) =>
        {
            foreach (var property in new[] { nameof(Lead.CreatedAt), nameof(Lead.LastRequestedAt), nameof(Lead.UpdatedAt), nameof(Lead.StageStartedAt) })
            {
                typeof(Lead).GetProperty(property)!.SetValue(lead, at);
            }

            if (lead.ReviewRequestedAt is not null)
            {
                typeof(Lead).GetProperty(nameof(Lead.ReviewRequestedAt))!.SetValue(lead, at);
            }

            if (siteId is not null)
            {
                lead.PreferredSiteId = siteId;
            }

            arrange?.Invoke(lead, db);
        }, lastName);

    public static StaffMember Staff(LeadDbContext db, string email)
    {
        var userId = db.Users.Where(u => u.Email == email).Select(u => u.Id).Single();
        return db.StaffMembers.Single(s => s.UserId == userId);
    }

    public static Actor ActorFor(StaffMember member) => Actor.Staff(member.Id, member.DisplayName);

    public static async Task<Lead> ReadAsync(TestApp app, int leadId)
    {
        await using var db = await NewDbAsync(app);
        return await db.Leads.AsNoTracking()
            .Include(l => l.Events).Include(l => l.Notes).Include(l => l.CallAttempts)
            .Include(l => l.ClinicalReviews).Include(l => l.AssessmentBookings).Include(l => l.Referrals)
            .AsSplitQuery()
            .SingleAsync(l => l.Id == leadId);
    }

    /// <summary>
    /// A follow-up step written straight to the database, as the step job leaves one that ran
    /// (Done, at <paramref name="completedAt"/>) or as the planner leaves one waiting (Pending, due in an hour).
    /// </summary>
    public static async Task AddStepAsync(TestApp app, int leadId, string kind, FollowUpStatus status, Func<Lead, DateTime> madeFor, DateTime? completedAt = null)
    {
        await using var db = await NewDbAsync(app);
        var lead = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId);
        var now = DateTime.UtcNow;
        db.FollowUps.Add(new LeadManager.Data.Outbox.FollowUp
        {
            LeadId = leadId,
            Kind = kind,
            Status = status,
            MadeFor = madeFor(lead),
            MadeForVersion = lead.Version,
            DueAt = completedAt ?? now.AddHours(1),
            CompletedAt = status == FollowUpStatus.Pending ? null : completedAt ?? now,
            CreatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Changes a stored request through the lifecycle (assign, review...) and saves it.</summary>
    public static async Task ChangeAsync(TestApp app, int leadId, Action<Lead, LeadDbContext> change)
    {
        await using var db = await NewDbAsync(app);
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
        change(lead, db);
        await db.SaveChangesAsync();
    }

    public static async Task<LeadDbContext> NewDbAsync(TestApp app) =>
        await app.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
}
