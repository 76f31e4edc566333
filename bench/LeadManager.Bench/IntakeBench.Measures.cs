namespace LeadManager.Bench;

internal static partial class IntakeBench
{
    private readonly record struct Throughput(double PerSecond, int Errors, double AllocatedKiBPerRequest, double Gen2PerThousand, double CpuMsPerRequest, double CpuBusy, double? MeanBatch, double? WriterBusy);

    /// <summary>
    /// The app's own intake metrics (IntakeMetrics) over one measurement: submissions per
    /// committed batch, and the share of the time the writer spent writing. A writer busy most
    /// of the time is the limit; a writer with time to spare leaves it to the CPU.
    /// </summary>
    private sealed class IntakeWriterWatch
    {
        private static readonly System.Diagnostics.Metrics.MeterListener Listener = Listen();
        private static IntakeWriterWatch _current = new();
        private long _batches;
        private long _submissions;
        private long _writingMicroseconds;

        public long Batches => Interlocked.Read(ref _batches);

        public long Submissions => Interlocked.Read(ref _submissions);

        public double WritingMs => Interlocked.Read(ref _writingMicroseconds) / 1000.0;

        public static IntakeWriterWatch Start()
        {
            _ = Listener;
            return _current = new IntakeWriterWatch();
        }

        private static System.Diagnostics.Metrics.MeterListener Listen()
        {
            var listener = new System.Diagnostics.Metrics.MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Name is LeadManager.Web.Features.Intake.IntakeMetrics.BatchSizeInstrument or LeadManager.Web.Features.Intake.IntakeMetrics.BatchWriteInstrument)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
            {
                Interlocked.Increment(ref _current._batches);
                Interlocked.Add(ref _current._submissions, size);
            });
            listener.SetMeasurementEventCallback<double>((_, ms, _, _) => Interlocked.Add(ref _current._writingMicroseconds, (long)(ms * 1000)));
            listener.Start();
            return listener;
        }
    }

    private readonly record struct Latency(double P50, double P95, int Errors);
}
