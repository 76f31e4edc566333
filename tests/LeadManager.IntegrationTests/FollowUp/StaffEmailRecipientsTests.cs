using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.FollowUp.StaffEmailTestData;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// Who each step's email goes to, over the demo staff: Priya (Riverside, Mon-Thu 08-16), Tom
/// (Town Centre, Tue-Sat), Hannah (both sites, Mon/Wed/Fri 09-17), Marcus (Town Centre, Mon-Fri
/// 12-20), the admin Grace, and reception's shared address. A change to the staff is made in a
/// transaction that is rolled back, so each test sees the demo staff.
/// </summary>
public sealed class StaffEmailRecipientsTests : IClassFixture<StaffEmailRecipientsTests.Fixture>
{
    private const string ReceptionAddress = "reception@clinic.test";
    private const string Priya = LeadTestData.ClinicianA;
    private const string Tom = LeadTestData.ClinicianB;
    private const string Hannah = "clinician3@clinic.test";
    private const string Marcus = "clinician4@clinic.test";
    private const string Grace = LeadTestData.Admin;

    // A Monday, a Sunday, and Easter Monday 2027 (a bank holiday in England and Wales; clocks on BST).
    private static readonly DateTime Monday10 = Utc(new DateTime(2027, 3, 8, 10, 0, 0));
    private static readonly DateTime Sunday10 = Utc(new DateTime(2027, 3, 7, 10, 0, 0));
    private static readonly DateTime EasterMonday10 = Utc(new DateTime(2027, 3, 29, 10, 0, 0));

    private readonly TestApp _app;
    private readonly LogCapture _logs;

    public StaffEmailRecipientsTests(Fixture fixture)
    {
        _app = fixture.App;
        _logs = fixture.Logs;
    }

    public sealed class Fixture : IDisposable
    {
        public LogCapture Logs { get; } = new();

        public TestApp App { get; }

        public Fixture() => App = StaffEmailTestData.App(logs: Logs);

        public void Dispose() => App.Dispose();
    }

    public static TheoryData<string> EveryKind() =>
    [
        FollowUpKinds.AssignOverdue, FollowUpKinds.AssignOverdueToManager, FollowUpKinds.FirstContactOverdue, FollowUpKinds.RetryCallOverdue,
        FollowUpKinds.MissedCall, FollowUpKinds.ReviewOverdue, FollowUpKinds.EmergencyAnnouncement, FollowUpKinds.ClinicianAssigned,
        FollowUpKinds.ClinicianUnassigned, FollowUpKinds.DailyDigest,
    ];

    [Fact]
    public async Task Not_assigned_in_time_tells_reception_alone()
    {
        await using var db = await DbAsync(_app);

        var to = await RecipientsAsync(db, FollowUpKinds.AssignOverdue, NewLead(Monday10.AddHours(-1)), Monday10);

        Assert.Equal(Expect((ReceptionAddress, null)), to);
    }

    [Fact]
    public async Task Still_not_assigned_tells_reception_and_every_active_admin()
    {
        await using var db = await DbAsync(_app);

        var to = await RecipientsAsync(db, FollowUpKinds.AssignOverdueToManager, NewLead(Monday10.AddHours(-3)), Monday10);

        Assert.Equal(Sorted(Expect((ReceptionAddress, null), (Grace, Staff(db, Grace).Id))), Sorted(to));
    }

    [Theory]
    [InlineData(FollowUpKinds.FirstContactOverdue)]
    [InlineData(FollowUpKinds.RetryCallOverdue)]
    [InlineData(FollowUpKinds.MissedCall)]
    public async Task A_late_call_tells_the_request_s_clinician_and_reception(string kind)
    {
        await using var db = await DbAsync(_app);
        var tom = Staff(db, Tom);
        var lead = NewLead(Monday10.AddHours(-2), arrange: l => l.Assign(tom, Reception(db), Monday10.AddHours(-2)));

        var to = await RecipientsAsync(db, kind, lead, Monday10);

        Assert.Equal(Sorted(Expect((ReceptionAddress, null), (Tom, tom.Id))), Sorted(to));
    }

    [Theory]
    [InlineData(FollowUpKinds.ReviewOverdue)]
    [InlineData(FollowUpKinds.EmergencyAnnouncement)]
    public async Task A_clinical_safety_email_goes_to_the_clinicians_on_duty_at_the_request_s_site(string kind)
    {
        await using var db = await DbAsync(_app);
        var riverside = await SiteIdAsync(db, "Riverside");
        var townCentre = await SiteIdAsync(db, "Town Centre");

        var atRiversideAt10 = await RecipientsAsync(db, kind, NewLead(Monday10.AddHours(-2), TriageLevel.Emergency, riverside), Monday10);
        var atTownCentreAt13 = await RecipientsAsync(db, kind, NewLead(Monday10, TriageLevel.Emergency, townCentre), Monday10.AddHours(3));

        Assert.Equal(Sorted(Expect((Priya, Staff(db, Priya).Id), (Hannah, Staff(db, Hannah).Id))), Sorted(atRiversideAt10));
        Assert.Equal(Sorted(Expect((Hannah, Staff(db, Hannah).Id), (Marcus, Staff(db, Marcus).Id))), Sorted(atTownCentreAt13));
    }

    [Fact]
    public async Task Without_a_preferred_site_the_clinicians_on_duty_at_any_site_are_told()
    {
        await using var db = await DbAsync(_app);

        var to = await RecipientsAsync(db, FollowUpKinds.ReviewOverdue, NewLead(Monday10, TriageLevel.ReviewFirst), Monday10.AddMinutes(150));

        Assert.Equal(Sorted(Expect((Priya, Staff(db, Priya).Id), (Hannah, Staff(db, Hannah).Id), (Marcus, Staff(db, Marcus).Id))), Sorted(to));
    }

    [Fact]
    public async Task With_no_clinician_on_duty_the_admins_are_told()
    {
        await using var db = await DbAsync(_app);

        var to = await RecipientsAsync(db, FollowUpKinds.ReviewOverdue, NewLead(Sunday10.AddHours(-1), TriageLevel.ReviewFirst), Sunday10);

        Assert.Equal(Expect((Grace, Staff(db, Grace).Id)), to);
    }

    [Fact]
    public async Task On_a_bank_holiday_at_the_site_its_clinicians_are_not_on_duty_and_the_admins_are_told()
    {
        await using var db = await DbAsync(_app);
        var riverside = await SiteIdAsync(db, "Riverside");

        var to = await RecipientsAsync(db, FollowUpKinds.EmergencyAnnouncement, NewLead(EasterMonday10, TriageLevel.Emergency, riverside), EasterMonday10);

        Assert.Equal(Expect((Grace, Staff(db, Grace).Id)), to);
    }

    [Fact]
    public async Task With_no_clinician_on_duty_and_no_active_admin_reception_is_told()
    {
        await using var db = await DbAsync(_app);
        await using var change = await db.Database.BeginTransactionAsync();
        var grace = Staff(db, Grace).Id;
        await db.StaffMembers.Where(s => s.Id == grace).ExecuteUpdateAsync(set => set.SetProperty(s => s.IsActive, false));

        var to = await RecipientsAsync(db, FollowUpKinds.ReviewOverdue, NewLead(Sunday10.AddHours(-1), TriageLevel.ReviewFirst), Sunday10);

        Assert.Equal(Expect((ReceptionAddress, null)), to);
    }

    [Fact]
    public async Task A_clinician_on_duty_with_no_address_is_left_out_with_a_warning_naming_only_their_id()
    {
        await using var db = await DbAsync(_app);
        var riverside = await SiteIdAsync(db, "Riverside");
        var priya = Staff(db, Priya);
        var hannah = Staff(db, Hannah);
        await using var change = await db.Database.BeginTransactionAsync();
        await db.Users.Where(u => u.Email == Priya).ExecuteUpdateAsync(set => set.SetProperty(u => u.Email, (string?)null));
        var logged = _logs.Lines.Count;

        var to = await RecipientsAsync(db, FollowUpKinds.ReviewOverdue, NewLead(Monday10, TriageLevel.ReviewFirst, riverside), Monday10);

        Assert.Equal(Expect((Hannah, hannah.Id)), to);
        var warning = Assert.Single(_logs.Lines.Skip(logged), l => l.Contains($"Staff member {priya.Id} has no email address", StringComparison.Ordinal));
        Assert.DoesNotContain("Priya", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(Priya, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_no_clinician_on_duty_has_an_address_the_admins_are_told()
    {
        await using var db = await DbAsync(_app);
        var riverside = await SiteIdAsync(db, "Riverside");
        await using var change = await db.Database.BeginTransactionAsync();
        await db.Users.Where(u => u.Email == Priya || u.Email == Hannah).ExecuteUpdateAsync(set => set.SetProperty(u => u.Email, (string?)null));

        var to = await RecipientsAsync(db, FollowUpKinds.EmergencyAnnouncement, NewLead(Monday10, TriageLevel.Emergency, riverside), Monday10);

        Assert.Equal(Expect((Grace, Staff(db, Grace).Id)), to);
    }

    [Fact]
    public async Task Assignment_emails_and_the_digest_go_to_the_clinician_the_step_is_for()
    {
        await using var db = await DbAsync(_app);
        var priya = Staff(db, Priya);
        var tom = Staff(db, Tom);
        var lead = NewLead(Monday10.AddHours(-1), arrange: l => l.Assign(priya, Reception(db), Monday10));

        var assigned = await RecipientsAsync(db, FollowUpKinds.ClinicianAssigned, lead, Monday10, priya.Id);
        var takenFromTom = await RecipientsAsync(db, FollowUpKinds.ClinicianUnassigned, lead, Monday10, tom.Id);
        var digest = await RecipientsAsync(db, FollowUpKinds.DailyDigest, null, Monday10, tom.Id);

        Assert.Equal(Expect((Priya, priya.Id)), assigned);
        Assert.Equal(Expect((Tom, tom.Id)), takenFromTom);
        Assert.Equal(Expect((Tom, tom.Id)), digest);
    }

    [Fact]
    public async Task A_clinician_with_no_address_has_their_own_email_sent_to_reception()
    {
        await using var db = await DbAsync(_app);
        var priya = Staff(db, Priya);
        var lead = NewLead(Monday10.AddHours(-1), arrange: l => l.Assign(priya, Reception(db), Monday10));
        await using var change = await db.Database.BeginTransactionAsync();
        await db.Users.Where(u => u.Email == Priya).ExecuteUpdateAsync(set => set.SetProperty(u => u.Email, (string?)null));

        var to = await RecipientsAsync(db, FollowUpKinds.ClinicianAssigned, lead, Monday10, priya.Id);

        Assert.Equal(Expect((ReceptionAddress, null)), to);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public async Task No_step_ever_writes_to_nobody_even_when_no_staff_member_can_be_reached(string kind)
    {
        await using var db = await DbAsync(_app);
        var riverside = await SiteIdAsync(db, "Riverside");
        var priya = Staff(db, Priya);
        var lead = NewLead(Monday10.AddHours(-1), TriageLevel.Emergency, riverside, l => l.Assign(priya, Reception(db), Monday10));
        await using var change = await db.Database.BeginTransactionAsync();
        await db.Users.ExecuteUpdateAsync(set => set.SetProperty(u => u.Email, (string?)null));

        var to = await RecipientsAsync(db, kind, kind == FollowUpKinds.DailyDigest ? null : lead, Monday10, priya.Id);

        Assert.Equal(Expect((ReceptionAddress, null)), to);
    }

    /// <summary>The rows a fresh step job's step emails write for this step, as (address, staff member).</summary>
    private async Task<List<(string Address, int? StaffMemberId)>> RecipientsAsync(LeadDbContext db, string kind, Lead? lead, DateTime nowUtc, int? staffMemberId = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var step = Step(kind, lead, nowUtc, lead?.StageStartedAt ?? nowUtc, staffMemberId);
        var rows = await scope.ServiceProvider.GetRequiredService<FollowUpStepEmails>().ForAsync(db, step, lead, nowUtc, CancellationToken.None);
        Assert.All(rows, r => Assert.Equal(kind, r.Kind));
        return rows.Select(r => (r.Recipient, r.StaffMemberId)).ToList();
    }

    private static List<(string Address, int? StaffMemberId)> Expect(params (string Address, int? StaffMemberId)[] recipients) => [.. recipients];

    private static List<(string Address, int? StaffMemberId)> Sorted(IEnumerable<(string Address, int? StaffMemberId)> recipients) =>
        recipients.OrderBy(r => r.Address, StringComparer.Ordinal).ToList();
}
