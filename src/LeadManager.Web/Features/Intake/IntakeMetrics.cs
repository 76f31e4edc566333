using System.Diagnostics.Metrics;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// How intake's group commit behaves in production, in the "LeadManager" meter: how many
/// submissions each transaction wrote, and how long each took from taking the batch to its
/// commit. Batches of one mean the clinic's pace; larger ones mean a burst was absorbed.
/// </summary>
public sealed class IntakeMetrics
{
    public const string BatchSizeInstrument = "leadmanager.intake.batch_size";
    public const string BatchWriteInstrument = "leadmanager.intake.batch_write";

    public IntakeMetrics(IMeterFactory meters)
    {
        // The factory owns the meter (shared with the board's metrics) and disposes it.
        var meter = meters.Create(Board.BoardMetrics.MeterName);
        BatchSize = meter.CreateHistogram<int>(BatchSizeInstrument, "{submission}", "Submissions written in one transaction.");
        BatchWrite = meter.CreateHistogram<double>(BatchWriteInstrument, "ms", "Time from taking a batch to its commit.");
    }

    public Histogram<int> BatchSize { get; }

    public Histogram<double> BatchWrite { get; }
}
