using ChildProtection.Coordination.Common;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>Sums what the service's own meter counts while it is alive.</summary>
public sealed class CounterCapture : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> totals = new();

    public CounterCapture()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ServiceMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.Start();
    }

    public long this[string name] => totals.GetValueOrDefault(name);

    public void Dispose() => listener.Dispose();
}
