namespace LeadManager.Web.LiveUpdates;

public enum LiveUpdatesMode
{
    InProcess = 0,
    DatabasePolling = 1,
}
