using Microsoft.Extensions.Options;

namespace LeadManager.Web.Configuration;

/// <summary>
/// "Now" and time-zone conversion for the clinic. Everything is stored in UTC and shown in
/// Clinic:TimeZone; time comes from <see cref="TimeProvider"/> so tests can move the clock.
/// </summary>
public sealed class ClinicClock(TimeProvider timeProvider, IOptions<ClinicOptions> options)
{
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    public DateTime ToClinicTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    /// <summary>Clinic wall-clock time to UTC. A time skipped by the spring clock change moves forward an hour.</summary>
    public DateTime ToUtc(DateTime clinicTime)
    {
        var local = DateTime.SpecifyKind(clinicTime, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }

    public DateTime ClinicNow => ToClinicTime(UtcNow);
}
