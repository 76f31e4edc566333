using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace LeadManager.IntegrationTests.Operations;

/// <summary>
/// Every line the app writes, as text: what the console logger prints (level, category, event
/// id, message, exception) plus what it prints only when scopes are on, and what a structured
/// sink (Seq, Application Insights, OpenTelemetry) ships beside the message: each scope and each
/// named value of the message's state. A detail that reaches any sink is in the line.
/// </summary>
public sealed class LogLines : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static void AppendValues(StringBuilder line, object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                line.Append(' ').Append(key).Append('=').Append(Text(value));
            }
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "(null)",
        string text => text,
        IEnumerable items => string.Join(",", items.Cast<object?>().Select(Text)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class Logger(string category, LogLines owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        // Which levels reach this provider is the app's logging configuration's decision, as for the console.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder()
                .Append(logLevel).Append(": ").Append(category).Append('[').Append(eventId.Id).Append(' ').Append(eventId.Name).Append(']');
            owner._scopes.ForEachScope((scope, text) =>
            {
                text.Append(" => ").Append(scope);
                AppendValues(text, scope);
            }, line);
            line.Append(' ').Append(formatter(state, exception));
            AppendValues(line, state);
            if (exception is not null)
            {
                // ToString: the type, message and stack of the exception and every inner one.
                line.Append(' ').Append(exception);
            }

            owner._lines.Enqueue(line.ToString());
        }
    }
}

/// <summary>A detail that must never be in a log line, and what it is (for the failure message).</summary>
public sealed record Secret(string What, string Value);

/// <summary>Finds secrets in log lines: case-insensitive, and a phone number in any spacing or punctuation.</summary>
public static partial class LogLeaks
{
    public static IReadOnlyList<(Secret Secret, string Line)> Find(IEnumerable<string> lines, IReadOnlyCollection<Secret> secrets)
    {
        var found = new List<(Secret, string)>();
        foreach (var line in lines)
        {
            // A phone number's digits with whatever was typed or formatted between them taken out.
            var squeezed = Separators().Replace(line, "");
            foreach (var secret in secrets)
            {
                if (line.Contains(secret.Value, StringComparison.OrdinalIgnoreCase)
                    || (IsDigits(secret.Value) && squeezed.Contains(secret.Value, StringComparison.Ordinal)))
                {
                    found.Add((secret, line));
                }
            }
        }

        return found;
    }

    public static string Describe(IReadOnlyList<(Secret Secret, string Line)> found) =>
        string.Join(Environment.NewLine, found.Take(30).Select(f => $"[{f.Secret.What}: {f.Secret.Value}] {f.Line}"));

    /// <summary>The forms a UK mobile number takes: as typed, E.164, national, international, and its digits alone.</summary>
    public static IEnumerable<Secret> Phone(string whose, string typed, string e164)
    {
        var national = "0" + e164[3..];
        yield return new($"{whose}'s phone as typed", typed);
        yield return new($"{whose}'s phone (E.164)", e164);
        yield return new($"{whose}'s phone (national)", national);
        yield return new($"{whose}'s phone (international)", $"+44 {e164[3..7]} {e164[7..]}");
        yield return new($"{whose}'s phone (its digits, in any spacing)", e164[3..]);
    }

    private static bool IsDigits(string value) => value.All(char.IsAsciiDigit);

    [GeneratedRegex(@"[\s\-().+/]")]
    private static partial Regex Separators();
}
