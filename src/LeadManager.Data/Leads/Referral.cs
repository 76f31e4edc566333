namespace LeadManager.Data.Leads;

public sealed record ReferralDetails(ReferralDestination Destination, string? Note);

public sealed class Referral
{
    public int Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public ReferralDestination Destination { get; private set; }
    public string? Note { get; private set; }
    public int? ReferredById { get; private set; }
    public DateTime ReferredAt { get; private set; }

    private Referral()
    {
    }

    internal Referral(Lead lead, ReferralDetails details, int? referredById, DateTime referredAt)
    {
        Lead = lead;
        Destination = details.Destination;
        Note = string.IsNullOrWhiteSpace(details.Note) ? null : details.Note.Trim();
        ReferredById = referredById;
        ReferredAt = referredAt;
    }
}
