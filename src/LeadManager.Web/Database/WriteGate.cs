using Microsoft.Extensions.Options;

namespace LeadManager.Web.Database;

/// <summary>
/// One writer at a time for check-then-write operations: intake's batches ("is there an open
/// request for this person?" then insert, see IntakeWriter) and lead actions (version check
/// then update). On SQLite this is what the file allows anyway, but a waiting connection
/// otherwise sleeps in SQLite's busy handler (1, 2, 5, 10... ms) instead of being woken. On SQL
/// Server the database isolates writers itself, so the gate is open.
/// </summary>
public sealed class WriteGate(IOptions<DatabaseOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly bool _enabled = options.Value.Provider == DatabaseProvider.Sqlite;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return NoGate.Instance;
        }

        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }
}
