using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Demo;

public sealed class DemoDataTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Demo_data_covers_every_status_close_reason_and_triage_with_real_timelines()
    {
        await using var db = await Db();
        var leads = await db.Leads.AsNoTracking().Include(l => l.Events).ToListAsync();

        Assert.InRange(leads.Count, 25, 40);
        Assert.Equal(Enum.GetValues<LeadStatus>().Order(), leads.Select(l => l.Status).Distinct().Order());
        Assert.Equal(Enum.GetValues<CloseReason>().Order(), leads.Where(l => l.CloseReason != null).Select(l => l.CloseReason!.Value).Distinct().Order());
        Assert.Equal(Enum.GetValues<TriageLevel>().Order(), leads.Select(l => l.Triage).Distinct().Order());
        Assert.Contains(leads, l => l.Triage == TriageLevel.ReviewFirst && l.IsOpen && l.ClinicallyReviewedAt == null);
        Assert.All(leads, l => Assert.Equal(LeadEventKind.Created, l.Events.MinBy(e => e.Id)!.Kind));
        // Every lifecycle change is one line and one version; step lines leave the version alone.
        Assert.All(leads, l => Assert.Equal(l.Events.Count(e => e.Kind is not (LeadEventKind.FollowUpRan or LeadEventKind.FollowUpSkipped)), l.Version));
        Assert.All(leads, l => Assert.Matches("^DC-[346789ABCDEFGHJKMNPQRTUVWXY]{6}$", l.Reference));
    }

    [Fact]
    public async Task Demo_data_shows_escalations_that_ran_and_steps_due_next_and_sends_no_email_for_the_past()
    {
        await using var db = await Db();

        var steps = await db.FollowUps.AsNoTracking().ToListAsync();
        Assert.Contains(steps, s => s.Status == Data.Outbox.FollowUpStatus.Done && Data.Outbox.FollowUpKinds.Escalations.Contains(s.Kind));
        Assert.Contains(steps, s => s.Status == Data.Outbox.FollowUpStatus.Pending && s.LeadId != null);
        Assert.Contains(steps, s => s.Kind == Data.Outbox.FollowUpKinds.MissedCall && s.Status == Data.Outbox.FollowUpStatus.Pending);
        var ranInThePast = steps.Where(s => s.Status == Data.Outbox.FollowUpStatus.Done).Select(s => (long?)s.Id).ToList();
        Assert.False(await db.OutboundEmails.AnyAsync(e => ranInThePast.Contains(e.FollowUpId)));
    }

    [Fact]
    public async Task Demo_data_has_overdue_new_requests_and_the_duplicate_points_at_its_original()
    {
        await using var db = await Db();
        var now = DateTime.UtcNow;

        Assert.True(await db.Leads.CountAsync(l => l.Status == LeadStatus.New && l.CreatedAt < now.AddHours(-24)) >= 2);
        var duplicate = await db.Leads.Include(l => l.MergedInto).SingleAsync(l => l.CloseReason == CloseReason.Duplicate);
        Assert.NotNull(duplicate.MergedInto);
        Assert.Equal(duplicate.LastName, duplicate.MergedInto!.LastName);
    }

    [Fact]
    public async Task Demo_staff_have_sites_specialties_and_hours_and_the_roles_are_identity_roles()
    {
        await using var db = await Db();
        var clinicianRoleId = await db.Roles.Where(r => r.Name == "Clinician").Select(r => r.Id).SingleAsync();
        var clinicianUserIds = await db.UserRoles.Where(ur => ur.RoleId == clinicianRoleId).Select(ur => ur.UserId).ToListAsync();
        var clinicians = await db.StaffMembers.Include(s => s.Sites).Include(s => s.WorkingHours)
            .Where(s => clinicianUserIds.Contains(s.UserId)).ToListAsync();

        Assert.Equal(4, clinicians.Count);
        Assert.All(clinicians, c => Assert.NotEmpty(c.Sites));
        Assert.All(clinicians, c => Assert.NotEmpty(c.WorkingHours));
        Assert.Equal(4, clinicians.Select(c => c.Specialties).Distinct().Count());
        Assert.Equal(2, await db.Sites.CountAsync());
    }

    private Task<LeadDbContext> Db() =>
        app.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
}
