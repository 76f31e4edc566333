using LeadManager.Data.Leads;
using LeadManager.Data.Sites;

namespace LeadManager.Data.Staff;

/// <summary>
/// A person on the clinic's staff, linked one-to-one to an Identity user. Their role
/// (Admin, Receptionist, Clinician) is the Identity role, not a field here.
/// </summary>
public sealed class StaffMember
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<Site> Sites { get; set; } = [];

    /// <summary>Areas of the body this clinician is strongest with (used for suggestions).</summary>
    public BodyAreas Specialties { get; set; }

    public List<StaffWorkingHours> WorkingHours { get; set; } = [];

    /// <summary>How long a discovery call takes this clinician, for free-slot suggestions.</summary>
    public int CallLengthMinutes { get; set; } = 15;

    public int DailyCallCapacity { get; set; } = 8;
    public bool IsActive { get; set; } = true;
}
