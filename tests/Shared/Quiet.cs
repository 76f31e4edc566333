namespace LeadManager.TestSupport;

/// <summary>
/// A fixed wait before a test checks that something did not happen again: no second email,
/// no retry, no further call to a page that has gone.
/// </summary>
/// <remarks>
/// This is the one place a fixed wait is the right tool. <see cref="Eventually"/> waits for
/// something to happen, but an absence has no moment to wait for: the test can only give a
/// duplicate the time it would need and then look. So the window is chosen longer than the
/// retry, sweep or dispatch interval the test itself configures, so that a duplicate would
/// have arrived inside it and the assertions that follow would see it. Say which interval in
/// <c>why</c>; a window shorter than it proves nothing.
/// </remarks>
public static class Quiet
{
    /// <param name="window">Longer than the interval in which a duplicate would arrive.</param>
    /// <param name="why">Which interval the window outlasts, and what would show if something arrived.</param>
    public static Task ForAsync(TimeSpan window, string why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        return Task.Delay(window);
    }
}
