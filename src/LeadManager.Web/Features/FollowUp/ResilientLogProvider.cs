using Hangfire.Logging;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Hangfire keeps its log provider in a static (GlobalConfiguration), so when several app
/// instances share a process (the test suite) one instance's Hangfire can end up logging
/// through another's LoggerFactory after that one was disposed. That threw
/// ObjectDisposedException inside Hangfire's server start and left an app with no server.
/// A log line that cannot be written is dropped instead; one app per process never sees it.
/// </summary>
internal sealed class ResilientLogProvider(ILogProvider inner) : ILogProvider
{
    public ILog GetLogger(string name) => new ResilientLog(inner, name);

    private sealed class ResilientLog(ILogProvider provider, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception exception)
        {
            try
            {
                return provider.GetLogger(name).Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
