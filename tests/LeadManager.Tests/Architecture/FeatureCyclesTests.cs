namespace LeadManager.Tests.Architecture;

// The architecture test is only as good as its cycle finder: these show it finds what it must.
public sealed class FeatureCyclesTests
{
    [Fact]
    public void One_way_dependencies_are_no_cycle()
    {
        var cycles = FeatureCycles.Find(["Board", "Leads", "Intake"], [("Board", "Leads"), ("Leads", "Intake"), ("Board", "Intake")]);

        Assert.Empty(cycles);
    }

    [Fact]
    public void Two_folders_using_each_other_are_a_cycle()
    {
        var cycles = FeatureCycles.Find(["Board", "Leads"], [("Board", "Leads"), ("Leads", "Board")]);

        Assert.Equal(["Board", "Leads"], Assert.Single(cycles));
    }

    [Fact]
    public void A_cycle_through_a_third_folder_is_found_in_order()
    {
        var cycles = FeatureCycles.Find(["Intake", "Leads", "FollowUp", "Admin"], [("Intake", "FollowUp"), ("FollowUp", "Leads"), ("Leads", "Intake"), ("Admin", "Leads")]);

        Assert.Equal(["FollowUp", "Leads", "Intake"], Assert.Single(cycles));
    }
}
