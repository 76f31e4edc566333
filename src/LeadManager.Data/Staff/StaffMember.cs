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

    /// <summary>False once deactivated: sign-in is refused and open sessions lose access.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime? DeactivatedAt { get; set; }

    /// <summary>When the last invite to set a password was sent; null for someone never invited (seeded, bootstrap).</summary>
    public DateTime? InvitedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    /// <summary>Set for the bootstrap admin, whose password came from configuration: they choose their own at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Days off (holiday, training): not suggested, offered no free slots and sent no digest.</summary>
    public List<StaffLeave> Leave { get; set; } = [];

    /// <summary>Raised by every admin change, so two admins editing one person cannot overwrite each other.</summary>
    public int Version { get; set; }
}
