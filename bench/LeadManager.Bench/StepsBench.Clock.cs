namespace LeadManager.Bench;

internal static partial class StepsBench
{
    /// <summary>
    /// The app's clock for this benchmark: real time, running at its real pace, but set to the
    /// clinic's morning after a long weekend, so the due steps are the ones its own calendar
    /// makes due at the first opening. <see cref="JumpTo"/> moves it on, never back.
    /// </summary>
    private sealed class BenchClock(DateTimeOffset startsAt) : TimeProvider
    {
        private long _offsetTicks = (startsAt - System.GetUtcNow()).Ticks;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

        public DateTime UtcNow => GetUtcNow().UtcDateTime;

        public void JumpTo(DateTime momentUtc)
        {
            if (momentUtc < UtcNow)
            {
                throw new InvalidOperationException("The benchmark's clock only moves on.");
            }

            Interlocked.Exchange(ref _offsetTicks, (new DateTimeOffset(momentUtc, TimeSpan.Zero) - base.GetUtcNow()).Ticks);
        }
    }
}
