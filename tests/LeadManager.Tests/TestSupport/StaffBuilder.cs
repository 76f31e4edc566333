using LeadManager.Data.Leads;
using LeadManager.Data.Staff;

namespace LeadManager.Tests.TestSupport;

internal sealed class StaffBuilder
{
    private int _id = 7;
    private string _displayName = "Priya Shah";
    private bool _isActive = true;

    public static StaffBuilder AClinician() => new();

    /// <summary>The clinician builders assign by default.</summary>
    public static StaffMember Priya() => AClinician().WithId(7).Named("Priya Shah").Build();

    /// <summary>A second clinician, for reassignment.</summary>
    public static StaffMember Tom() => AClinician().WithId(8).Named("Tom Evans").Build();

    /// <summary>The receptionist who acts on leads in most tests.</summary>
    public static Actor Reception { get; } = Actor.Staff(3, "Rachel at reception");

    public StaffBuilder WithId(int id)
    {
        _id = id;
        return this;
    }

    public StaffBuilder Named(string displayName)
    {
        _displayName = displayName;
        return this;
    }

    public StaffBuilder Inactive()
    {
        _isActive = false;
        return this;
    }

    public StaffMember Build() => new()
    {
        Id = _id,
        UserId = $"user-{_id}",
        DisplayName = _displayName,
        IsActive = _isActive,
    };
}
