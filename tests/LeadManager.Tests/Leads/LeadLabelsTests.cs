using LeadManager.Web.Features.Leads;

namespace LeadManager.Tests.Leads;

public sealed class LeadLabelsTests
{
    [Theory]
    [InlineData("+447911123456", "07911 123456")]
    [InlineData("+441632960001", "01632 960001")]
    [InlineData("+33612345678", "+33 6 12 34 56 78")]
    [InlineData("not a number", "not a number")]
    public void Stored_numbers_are_shown_the_way_staff_dial_them(string stored, string shown) =>
        Assert.Equal(shown, LeadLabels.Phone(stored));
}
