using LeadManager.Data.Staff;

namespace LeadManager.Data.Leads;

public sealed class LeadNote
{
    public int Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    /// <summary>The staff member who wrote it; null for what the patient sent (a repeat request).</summary>
    public int? AuthorId { get; private set; }
    public StaffMember? Author { get; private set; }
    public DateTime At { get; private set; }
    public string Text { get; private set; } = "";

    private LeadNote()
    {
    }

    internal LeadNote(Lead lead, int? authorId, DateTime at, string text)
    {
        Lead = lead;
        AuthorId = authorId;
        At = at;
        Text = text;
    }
}
