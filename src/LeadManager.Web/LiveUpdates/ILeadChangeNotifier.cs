namespace LeadManager.Web.LiveUpdates;

/// <summary>
/// The one way pages learn that a lead changed. Every lifecycle action, every new request and
/// every job that touches a lead publishes here; open pages subscribe and refresh through
/// InvokeAsync. Chosen by LiveUpdates:Mode: in-process for one app server, database polling
/// when several servers share one database.
/// </summary>
public interface ILeadChangeNotifier
{
    /// <summary>Tells every subscriber, on every server. Never throws: a lost live update must not undo a saved change.</summary>
    Task PublishAsync(LeadChange change, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="onChange"/> for each change until the returned handle is disposed.</summary>
    IDisposable Subscribe(Func<LeadChange, Task> onChange);
}
