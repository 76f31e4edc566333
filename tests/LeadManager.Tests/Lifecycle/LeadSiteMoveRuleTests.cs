using LeadManager.Data.Leads;
using LeadManager.Data.Sites;
using LeadManager.Tests.TestSupport;

namespace LeadManager.Tests.Lifecycle;

/// <summary>Moving a request to another preferred site (<see cref="Lead.MoveToSite"/>): where, not who or when.</summary>
public sealed class LeadSiteMoveRuleTests
{
    private static readonly Site Riverside = new() { Id = 1, Name = "Riverside" };
    private static readonly Site TownCentre = new() { Id = 2, Name = "Town Centre" };

    [Fact]
    public void A_move_keeps_the_stage_the_clinician_and_the_agreed_call_and_says_from_where_to_where_and_why()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();
        lead.MoveToSite(Riverside, StaffBuilder.Reception, TestClock.Now);
        var (stage, call, sequence) = (lead.StageStartedAt, lead.ScheduledCallAt, lead.CalendarSequence);

        var added = LeadAssert.OneEventAdded(lead, LeadEventKind.SiteChanged,
            () => lead.MoveToSite(TownCentre, StaffBuilder.Reception, TestClock.Later, "Riverside was deactivated"));

        Assert.Equal(TownCentre.Id, lead.PreferredSiteId);
        Assert.Equal("Preferred site changed from Riverside to Town Centre (Riverside was deactivated).", added.Details);
        Assert.Equal((stage, call, sequence), (lead.StageStartedAt, lead.ScheduledCallAt, lead.CalendarSequence));
        Assert.Equal(StaffBuilder.Priya().Id, lead.AssignedClinicianId);
    }

    [Fact]
    public void A_move_to_no_preferred_site_is_a_move_too()
    {
        var lead = LeadBuilder.ANewLead().Build();
        lead.MoveToSite(Riverside, StaffBuilder.Reception, TestClock.Now);

        var added = LeadAssert.OneEventAdded(lead, LeadEventKind.SiteChanged, () => lead.MoveToSite(null, StaffBuilder.Reception, TestClock.Later));

        Assert.Null(lead.PreferredSiteId);
        Assert.Equal("Preferred site changed from Riverside to no preferred site.", added.Details);
    }

    [Fact]
    public void A_site_that_no_longer_takes_requests_is_refused()
    {
        var lead = LeadBuilder.ANewLead().Build();
        var closed = new Site { Id = 3, Name = "Old Mill", IsActive = false };

        var refusal = LeadAssert.Refused(lead, () => lead.MoveToSite(closed, StaffBuilder.Reception, TestClock.Later));

        Assert.Contains("Old Mill no longer takes requests", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_site_it_already_prefers_is_refused()
    {
        var lead = LeadBuilder.ANewLead().Build();
        lead.MoveToSite(Riverside, StaffBuilder.Reception, TestClock.Now);

        var refusal = LeadAssert.Refused(lead, () => lead.MoveToSite(Riverside, StaffBuilder.Reception, TestClock.Later));
        var none = LeadBuilder.ANewLead().Build();
        var noneRefusal = LeadAssert.Refused(none, () => none.MoveToSite(null, StaffBuilder.Reception, TestClock.Later));

        Assert.Equal("This request already prefers Riverside.", refusal.Message);
        Assert.Equal("This request has no preferred site already.", noneRefusal.Message);
    }
}
