using Microsoft.AspNetCore.Http.Features;
using Workflow.Server.Problems;

namespace Workflow.Server.Hosting;

/// <summary>Endpoint metadata raising the body limit for uploads (imports).</summary>
public sealed record BodyLimit(long Bytes);

/// <summary>Refuses request bodies over the limit with 413 before they are read, whatever server hosts the app.</summary>
public static class RequestLimits
{
    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app, long defaultBytes) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? defaultBytes;
        if (context.Request.ContentLength > limit)
            throw TooLarge(limit);
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        context.Request.Body = new LimitedStream(context.Request.Body, limit);
        await next(context);
    });

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    private static ProblemException TooLarge(long limit) =>
        new(413, "payload-too-large", "请求过大 / Payload too large", $"the request body is over {limit:N0} bytes", new Dictionary<string, object?> { ["limitBytes"] = limit });

    /// <summary>Counts bytes as they are read, for bodies sent without a Content-Length.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw TooLarge(limit) : read;
        }
    }
}
