using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.Server.Tests.Support;

public sealed record ReceivedHook(byte[] Body, string? Signature, string? DeliveryId, int AnsweredWith)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>Checks the signature the way a receiver would, independently of the service's code.</summary>
    public bool SignatureIsValid(string secret) =>
        Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body));
}

/// <summary>A real HTTP listener on loopback that records webhook posts and can be told to fail.</summary>
public sealed class LoopbackWebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedHook> _received = new();
    private readonly Task _listening;
    private int _failuresLeft;

    public LoopbackWebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _listening = ListenAsync();
    }

    public string Url { get; }

    /// <summary>Answer 500 to this many requests before answering 200.</summary>
    public int FailFirst { set => _failuresLeft = value; }

    public bool AlwaysFail { get; set; }

    public IReadOnlyList<ReceivedHook> Received => [.. _received];

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var status = AlwaysFail || Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 200;
            _received.Enqueue(new ReceivedHook(body.ToArray(), context.Request.Headers["X-Workflow-Signature"], context.Request.Headers["X-Workflow-Delivery"], status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _listening;
        _listener.Close();
    }
}
