namespace LeadManager.Data.Leads;

public enum ConsentMethod
{
    /// <summary>The patient ticked the consents on the form (or the website's form, through the API).</summary>
    Online = 0,
    /// <summary>The patient agreed aloud to reception on the phone or at the desk; the staff member is on the Created event.</summary>
    Verbal = 1,
}
