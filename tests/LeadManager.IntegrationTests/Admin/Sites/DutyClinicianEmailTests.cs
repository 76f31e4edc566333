using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.IntegrationTests.FollowUp;
using LeadManager.IntegrationTests.Leads;
using static LeadManager.IntegrationTests.Admin.Sites.SiteTestData;

namespace LeadManager.IntegrationTests.Admin.Sites;

/// <summary>
/// From the sites page to the inbox: once an admin makes Hannah Riverside's duty clinician, the
/// review escalation of a red flag at Riverside is emailed to her alone, through the real step
/// job, outbox and SMTP server, on a Monday (a day she works).
/// </summary>
public sealed class DutyClinicianEmailTests(DutyClinicianEmailTests.App app) : IClassFixture<DutyClinicianEmailTests.App>
{
    // Monday 8 March 2027, 09:00 in London (GMT).
    public sealed class App() : ClockedWorkflowApp(new DateTimeOffset(2027, 3, 8, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_duty_clinician_set_on_the_sites_page_is_emailed_the_review_escalation_alone()
    {
        int hannah;
        await using (var db = await DbAsync(app))
        {
            hannah = LeadTestData.Staff(db, "clinician3@clinic.test").Id;
        }

        await ChangeAsync(app, "Riverside", f => f.DutyClinicianId = hannah);
        var lead = await LeadTestData.CreateLeadAtAsync(app, app.Now, TriageLevel.ReviewFirst, siteId: await SiteIdAsync(app, "Riverside"));
        await PlanAsync(app, lead.Id, app.Now);
        var review = Assert.Single(await app.StepsAsync(lead.Id, FollowUpKinds.ReviewOverdue, FollowUpStatus.Pending));

        app.MoveTo(review.DueAt.AddMinutes(1));
        await app.ProcessAsync(lead.Id);

        var (row, message) = Assert.Single(await app.SentAsync(lead.Id, FollowUpKinds.ReviewOverdue));
        Assert.Equal(hannah, row.StaffMemberId);
        Assert.Equal("clinician3@clinic.test", Assert.Single(message.To.Mailboxes).Address);
        Assert.Contains(lead.Reference, message.TextBody, StringComparison.Ordinal);
    }
}
