using Microsoft.EntityFrameworkCore;
using Workflow.Server.Storage;

namespace Workflow.Server.Ledger;

/// <summary>An uploaded file waiting between the steps of an import (map, check, import), beside the user who sent it.</summary>
public sealed class UploadRow
{
    public required Guid Token { get; init; }
    public required string Owner { get; init; }
    public required string FileName { get; init; }
    public required byte[] Content { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Holds an uploaded file between the import wizard's steps, so the officer uploads it once and the pages need no script.
/// The file sits in the database, not on one node's disk: with several nodes the next step, or the import job, may run on
/// another node. Another user's token reads as none; files older than a day are swept at the next upload.
/// </summary>
public sealed class UploadStore(IDbContextFactory<ServiceDbContext> contexts, TimeProvider clock)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    public async Task<Guid> SaveAsync(Stream file, string fileName, string userName, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Uploads.Where(u => u.CreatedAt < now - KeepFor).ExecuteDeleteAsync(cancellationToken);
        var token = Guid.CreateVersion7(now);
        db.Uploads.Add(new UploadRow { Token = token, Owner = userName, FileName = Path.GetFileName(fileName), Content = buffer.ToArray(), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The file and its name, or null when the token is unknown, expired or someone else's.</summary>
    public async Task<(Stream File, string FileName)?> OpenAsync(Guid token, string userName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var upload = await db.Uploads.AsNoTracking().SingleOrDefaultAsync(u => u.Token == token && u.Owner == userName, cancellationToken);
        return upload is null ? null : (new MemoryStream(upload.Content, writable: false), upload.FileName);
    }
}
