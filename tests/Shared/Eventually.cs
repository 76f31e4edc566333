using System.Diagnostics;
using System.Globalization;

namespace LeadManager.TestSupport;

/// <summary>
/// Waits for something another thread or process does (a live update heard, an email sent,
/// an app started) by asking again until it is so, and fails naming what it waited for once
/// the timeout has passed. Tests never sleep a fixed time to let something happen.
/// </summary>
/// <remarks>
/// Throws <see cref="TimeoutException"/> rather than failing an xUnit assertion, so the
/// benchmarks that share this folder can use it too.
/// </remarks>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    // Asks often at first (most conditions are met within milliseconds), then less often, so a
    // condition that queries a database or an HTTP endpoint does not load a busy machine.
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    /// <param name="what">What is awaited, for the failure message ("The other server hearing the change").</param>
    /// <param name="timeout">15 seconds unless given.</param>
    /// <param name="state">What else the failure message should say, read only when it times out.</param>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? state = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout, state);

    /// <inheritdoc cref="TrueAsync(Func{bool}, string, TimeSpan?, Func{string}?)"/>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? state = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var waited = Stopwatch.StartNew();
        var pause = FirstPause;
        while (!await condition())
        {
            if (waited.Elapsed > limit)
            {
                var seconds = limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                throw new TimeoutException($"Timed out after {seconds} s waiting for: {what}." + (state is null ? "" : $" {state()}"));
            }

            await Task.Delay(pause);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    /// <summary>Waits until <paramref name="find"/> returns something, and returns it.</summary>
    /// <inheritdoc cref="TrueAsync(Func{bool}, string, TimeSpan?, Func{string}?)"/>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> find, string what, TimeSpan? timeout = null, Func<string>? state = null)
        where T : class
    {
        T? found = null;
        await TrueAsync(async () => (found = await find()) is not null, what, timeout, state);
        return found!;
    }
}
