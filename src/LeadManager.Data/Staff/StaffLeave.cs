namespace LeadManager.Data.Staff;

/// <summary>
/// A run of whole days a staff member is away, first and last day included, in clinic dates.
/// No reason is kept: staff leave can be sick leave, which is nobody else's business.
/// </summary>
public sealed class StaffLeave
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }

    public bool Covers(DateOnly day) => FirstDay <= day && day <= LastDay;
}
