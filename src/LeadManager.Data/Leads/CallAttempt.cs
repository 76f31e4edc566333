using LeadManager.Data.Staff;

namespace LeadManager.Data.Leads;

public sealed class CallAttempt
{
    public int Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public int StaffMemberId { get; private set; }
    public StaffMember? StaffMember { get; private set; }
    public DateTime At { get; private set; }
    public CallAttemptResult Result { get; private set; }
    public string? Note { get; private set; }

    private CallAttempt()
    {
    }

    internal CallAttempt(Lead lead, int staffMemberId, DateTime at, CallAttemptResult result, string? note)
    {
        Lead = lead;
        StaffMemberId = staffMemberId;
        At = at;
        Result = result;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}
