using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.FollowUp;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.FollowUp.StaffEmailTestData;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.IntegrationTests.Admin.Sites;

/// <summary>
/// Riverside's duty clinician, set on the sites page, is Hannah (Riverside and Town Centre, Mon/Wed/Fri
/// 09–17). When she is on duty she alone is told of a red flag at Riverside waiting for review;
/// when she is not (another weekday, on leave, deactivated, no address, the site shut) the usual
/// recipients are: the clinicians on duty there (Priya, Mon–Thu 08–16), else the admins, else
/// reception, never nobody. Checked on the outbox rows the step emails write; staff changes are
/// made in a transaction that is rolled back.
/// </summary>
public sealed class DutyClinicianEscalationTests(DutyClinicianEscalationTests.Fixture fixture) : IClassFixture<DutyClinicianEscalationTests.Fixture>
{
    private const string Priya = LeadTestData.ClinicianA;
    private const string Hannah = "clinician3@clinic.test";
    private const string Marcus = "clinician4@clinic.test";

    // Monday and Tuesday 8–9 March 2027, and Easter Monday 29 March (a bank holiday in England and Wales), 10:00 in London.
    private static readonly DateTime Monday10 = Utc(new DateTime(2027, 3, 8, 10, 0, 0));
    private static readonly DateTime Tuesday10 = Utc(new DateTime(2027, 3, 9, 10, 0, 0));
    private static readonly DateTime EasterMonday10 = Utc(new DateTime(2027, 3, 29, 10, 0, 0));

    private readonly TestApp _app = fixture.App;

    public sealed class Fixture : IAsyncLifetime
    {
        public TestApp App { get; } = StaffEmailTestData.App();

        public async Task InitializeAsync()
        {
            await using var db = await DbAsync(App);
            var hannah = Staff(db, Hannah).Id;
            await SiteTestData.ChangeAsync(App, "Riverside", f => f.DutyClinicianId = hannah);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    public static TheoryData<string> ClinicalSafetyKinds() => [FollowUpKinds.ReviewOverdue, FollowUpKinds.EmergencyAnnouncement];

    [Theory]
    [MemberData(nameof(ClinicalSafetyKinds))]
    public async Task The_duty_clinician_on_duty_alone_is_told_of_a_red_flag_at_their_site(string kind)
    {
        await using var db = await DbAsync(_app);

        var to = await RecipientsAsync(db, kind, await RiversideLeadAsync(db, Monday10), Monday10);

        Assert.Equal(Expect((Hannah, Staff(db, Hannah).Id)), to);
    }

    [Fact]
    public async Task On_a_weekday_the_duty_clinician_does_not_work_the_clinicians_on_duty_are_told()
    {
        await using var db = await DbAsync(_app);

        var to = await RecipientsAsync(db, FollowUpKinds.ReviewOverdue, await RiversideLeadAsync(db, Tuesday10), Tuesday10);

        Assert.Equal(Expect((Priya, Staff(db, Priya).Id)), to);
    }

    [Fact]
    public async Task When_the_duty_clinician_is_on_leave_that_day_they_are_not_told_alone()
    {
        await using var db = await DbAsync(_app);
        await using var change = await db.Database.BeginTransactionAsync();
        db.StaffLeave.Add(new StaffLeave { StaffMemberId = Staff(db, Hannah).Id, FirstDay = new DateOnly(2027, 3, 5), LastDay = new DateOnly(2027, 3, 8) });
        await db.SaveChangesAsync();

        var to = await RecipientsAsync(db, FollowUpKinds.ReviewOverdue, await RiversideLeadAsync(db, Monday10), Monday10);

        // Today's rule: the clinicians on duty at Riverside now (leave is not yet part of that rule).
        Assert.Contains((Priya, Staff(db, Priya).Id), to);
    }

    [Fact]
    public async Task A_deactivated_duty_clinician_is_not_told_the_clinicians_on_duty_are()
    {
        await using var db = await DbAsync(_app);
        await using var change = await db.Database.BeginTransactionAsync();
        var hannah = Staff(db, Hannah).Id;
        await db.StaffMembers.Where(s => s.Id == hannah).ExecuteUpdateAsync(set => set.SetProperty(s => s.IsActive, false));

        var to = await RecipientsAsync(db, FollowUpKinds.EmergencyAnnouncement, await RiversideLeadAsync(db, Monday10), Monday10);

        Assert.Equal(Expect((Priya, Staff(db, Priya).Id)), to);
    }

    [Fact]
    public async Task A_duty_clinician_with_no_address_is_passed_over_for_the_clinicians_on_duty()
    {
        await using var db = await DbAsync(_app);
        await using var change = await db.Database.BeginTransactionAsync();
        await db.Users.Where(u => u.Email == Hannah).ExecuteUpdateAsync(set => set.SetProperty(u => u.Email, (string?)null));

        var to = await RecipientsAsync(db, FollowUpKinds.ReviewOverdue, await RiversideLeadAsync(db, Monday10), Monday10);

        Assert.Equal(Expect((Priya, Staff(db, Priya).Id)), to);
    }

    [Fact]
    public async Task On_a_bank_holiday_at_the_site_the_duty_clinician_is_off_and_the_admins_are_told()
    {
        await using var db = await DbAsync(_app);

        var to = await RecipientsAsync(db, FollowUpKinds.EmergencyAnnouncement, await RiversideLeadAsync(db, EasterMonday10), EasterMonday10);

        Assert.Equal(Expect((LeadTestData.Admin, Staff(db, LeadTestData.Admin).Id)), to);
    }

    [Fact]
    public async Task A_site_with_no_duty_clinician_keeps_the_clinicians_on_duty()
    {
        await using var db = await DbAsync(_app);
        var townCentre = await SiteIdAsync(db, "Town Centre");

        var to = await RecipientsAsync(db, FollowUpKinds.ReviewOverdue, NewLead(Monday10, TriageLevel.ReviewFirst, townCentre), Monday10.AddHours(3));

        Assert.Equal(Expect((Hannah, Staff(db, Hannah).Id), (Marcus, Staff(db, Marcus).Id)), to.OrderBy(r => r.Address, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ClinicalSafetyKinds))]
    public async Task With_a_duty_clinician_set_and_nobody_reachable_reception_is_still_told(string kind)
    {
        await using var db = await DbAsync(_app);
        await using var change = await db.Database.BeginTransactionAsync();
        await db.Users.ExecuteUpdateAsync(set => set.SetProperty(u => u.Email, (string?)null));

        var to = await RecipientsAsync(db, kind, await RiversideLeadAsync(db, Monday10), Monday10);

        Assert.Equal(Expect(("reception@clinic.test", null)), to);
    }

    private static List<(string Address, int? StaffMemberId)> Expect(params (string Address, int? StaffMemberId)[] recipients) => [.. recipients];

    private static async Task<Lead> RiversideLeadAsync(LeadDbContext db, DateTime createdUtc) =>
        NewLead(createdUtc, TriageLevel.Emergency, await SiteIdAsync(db, "Riverside"));

    // The rows a fresh step job's step emails write for this step, as (address, staff member).
    private async Task<List<(string Address, int? StaffMemberId)>> RecipientsAsync(LeadDbContext db, string kind, Lead lead, DateTime nowUtc)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        FollowUpStep step = Step(kind, lead, nowUtc, lead.StageStartedAt);
        var rows = await scope.ServiceProvider.GetRequiredService<FollowUpStepEmails>().ForAsync(db, step, lead, nowUtc, CancellationToken.None);
        Assert.NotEmpty(rows);
        return rows.Select(r => (r.Recipient, r.StaffMemberId)).ToList();
    }
}
