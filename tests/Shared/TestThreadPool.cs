using System.Runtime.CompilerServices;

namespace LeadManager.TestSupport;

internal static class TestThreadPool
{
    /// <summary>
    /// Several real apps run at once in one test process on a 2-core machine, each with
    /// Hangfire workers that block while their async jobs run. The thread pool would otherwise
    /// add threads about one a second, and a waiting job could sit for many seconds.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
