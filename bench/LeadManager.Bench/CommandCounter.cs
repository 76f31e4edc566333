using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadManager.Bench;

/// <summary>
/// Counts the SQL commands EF Core runs, from its diagnostic events; with <see cref="Recording"/>
/// on, also keeps each command's text and parameter values, so a benchmark can ask SQLite for
/// the plan of exactly what the app sent; <see cref="ByTable"/> says what the commands were.
/// </summary>
internal sealed partial class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _inner = [];
    private readonly List<SentCommand> _recorded = [];
    private readonly Dictionary<string, int> _byTable = [];
    private int _count;

    public CommandCounter() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public int Count => Volatile.Read(ref _count);

    public bool Recording { get; set; }

    public IReadOnlyList<SentCommand> Recorded
    {
        get
        {
            lock (_recorded)
            {
                return [.. _recorded];
            }
        }
    }

    /// <summary>Commands since the last reset by statement and table ("INSERT INTO LeadEvents"), most first.</summary>
    public IReadOnlyList<(string Command, int Count)> ByTable
    {
        get
        {
            lock (_byTable)
            {
                return [.. _byTable.OrderByDescending(c => c.Value).Select(c => (c.Key, c.Value))];
            }
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        lock (_recorded)
        {
            _recorded.Clear();
        }

        lock (_byTable)
        {
            _byTable.Clear();
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (_inner)
            {
                _inner.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted")
        {
            Interlocked.Increment(ref _count);
            if (value.Value is CommandEventData executed)
            {
                var shape = Shape(executed.Command.CommandText);
                lock (_byTable)
                {
                    _byTable[shape] = _byTable.GetValueOrDefault(shape) + 1;
                }
            }
        }
        else if (Recording && value.Key == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting" && value.Value is CommandEventData data)
        {
            var parameters = data.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToArray();
            lock (_recorded)
            {
                _recorded.Add(new SentCommand(data.Command.CommandText, parameters));
            }
        }
    }

    private static string Shape(string sql)
    {
        var match = Statement().Match(sql);
        return match.Success
            ? $"{(match.Groups["verb"].Success ? match.Groups["verb"].Value : "SELECT")} {match.Groups["table"].Value}"
            : sql.Trim().Split(' ', 2)[0];
    }

    [GeneratedRegex("""^\s*(?:(?<verb>INSERT INTO|UPDATE|DELETE FROM)\s+"(?<table>\w+)"|SELECT\b.*?\bFROM\s+"(?<table>\w+)")""", RegexOptions.Singleline)]
    private static partial Regex Statement();

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_inner)
        {
            _inner.ForEach(s => s.Dispose());
        }
    }
}
