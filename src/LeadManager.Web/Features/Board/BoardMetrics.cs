using System.Diagnostics.Metrics;

namespace LeadManager.Web.Features.Board;

/// <summary>
/// How long the board takes on the server from the live connection asking for it to its first
/// render with every card, in the "LeadManager" meter (readable with dotnet-counters, an
/// OpenTelemetry exporter, or the benchmark's MeterListener).
/// </summary>
public sealed class BoardMetrics : IDisposable
{
    public const string MeterName = "LeadManager";
    public const string FirstRenderInstrument = "leadmanager.board.first_render";

    private readonly Meter _meter;

    public BoardMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        FirstRender = _meter.CreateHistogram<double>(FirstRenderInstrument, "ms", "Server time from the board's interactive start to its first render with data.");
    }

    public Histogram<double> FirstRender { get; }

    public void Dispose() => _meter.Dispose();
}
