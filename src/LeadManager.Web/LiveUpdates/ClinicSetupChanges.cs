namespace LeadManager.Web.LiveUpdates;

/// <summary>
/// Counts the changes to the clinic's setup (a site, its hours, closures, region or duty
/// clinician) this server has heard of, its own and, with LiveUpdates:Mode DatabasePolling, the
/// other servers'. A cache that keeps the setup for a while (<c>ActiveSites</c>,
/// <c>WorkflowTargets</c>) remembers the count it read at and reads again when it has moved, so a
/// change applies at once instead of after the cache's minute. The count moves in
/// <see cref="LeadChangeSubscribers.Raise"/>, before any page is told, so a page that reloads
/// because of the change never reads the cache from before it.
/// </summary>
public sealed class ClinicSetupChanges
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    internal void Changed() => Interlocked.Increment(ref _generation);
}
