using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of the real PostgreSQL: <see cref="Close"/> drops every open connection and
/// refuses new ones, as a database going down does; <see cref="Open"/> listens on the same port again.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private TcpListener? listener;
    private CancellationTokenSource? stop;

    public int Port { get; private set; }

    public TcpGate(string host, int port)
    {
        target = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        Open();
    }

    public void Open()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        stop = new CancellationTokenSource();
        _ = AcceptAsync(listener, stop.Token);
    }

    public void Close()
    {
        stop?.Cancel();
        listener?.Stop();
        foreach (var client in open.Keys)
        {
            // A reset, not a polite close: what a server that went away leaves its clients with.
            try { client.Client?.LingerState = new LingerOption(true, 0); }
            catch (ObjectDisposedException) { }
            client.Dispose();
        }
        open.Clear();
    }

    private async Task AcceptAsync(TcpListener on, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await on.AcceptTcpClientAsync(ct); }
            catch (Exception) { return; }
            _ = ForwardAsync(inbound, ct);
        }
    }

    private async Task ForwardAsync(TcpClient inbound, CancellationToken ct)
    {
        var outbound = new TcpClient();
        open[inbound] = 0;
        open[outbound] = 0;
        try
        {
            await outbound.ConnectAsync(target, ct);
            await using var a = inbound.GetStream();
            await using var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
        }
        catch (Exception) { }
        finally
        {
            open.TryRemove(inbound, out _);
            open.TryRemove(outbound, out _);
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
