namespace LeadManager.Data.Staff;

/// <summary>One working period on one weekday, in clinic local time.</summary>
public sealed class StaffWorkingHours
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Starts { get; set; }
    public TimeOnly Ends { get; set; }
}
