using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Messages;
using LeadManager.Web.Email.Messages.ClinicianPatientRescheduled;
using LeadManager.Web.Email.Messages.ReceptionPatientRescheduled;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// The emails telling reception and the clinician that the patient picked a call time. What they
/// say comes from the timeline line the pick wrote (the latest one by the patient at or before
/// the row was written), never from the request at send time, so a row says what it was written
/// for even when the call moves again before it goes.
/// </summary>
public static class PatientPickedTimeEmails
{
    public static async Task<RenderedEmail> RenderAsync(
        EmailTemplates templates, ClinicClock clock, StaffLinks links, LeadDbContext db, OutboundEmail email, Lead lead, CancellationToken cancellationToken)
    {
        var pick = await db.LeadEvents.AsNoTracking()
            .Where(e => e.LeadId == lead.Id && e.ActorKind == ActorKind.Patient && e.At <= email.CreatedAt && e.Time != null
                && (e.Kind == LeadEventKind.Scheduled || e.Kind == LeadEventKind.Rescheduled))
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Id)
            .Select(e => new { e.Time, e.PreviousTime })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"A '{email.Kind}' email needs the patient's pick on the timeline, and this request has none.");
        var callAt = clock.ToClinicTime(pick.Time!.Value);
        DateTime? wasAt = pick.PreviousTime is { } previous ? clock.ToClinicTime(previous) : null;
        var clinicianId = email.StaffMemberId ?? lead.AssignedClinicianId;
        var clinician = clinicianId is { } id
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == id).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        var leadUrl = links.Lead(lead.Reference);

        return email.Kind == OutboundEmailKinds.ClinicianPatientRescheduled
            ? await templates.RenderAsync(new ClinicianPatientRescheduledEmail(clinician ?? "Clinician", lead.Reference, callAt, wasAt, leadUrl))
            : await templates.RenderAsync(new ReceptionPatientRescheduledEmail(
                new ReceptionRequest(lead.Reference, lead.Triage, lead.Channel.ToString(), leadUrl), callAt, wasAt, clinician ?? "The clinician"));
    }
}
