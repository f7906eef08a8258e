using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Persistence.Storage;
using Workflow.Server.Problems;
using Workflow.Server.Storage;

namespace Workflow.Server.Idempotency;

public sealed record Replayable<T>(T Value, bool Replayed);

/// <summary>
/// Runs a start at most once per (person, Idempotency-Key): the key row is inserted before the work, so a concurrent
/// retry finds it and waits its turn instead of starting a second instance; a later retry gets the stored answer.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<ServiceDbContext> contexts, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";

    public async Task<Replayable<T>> RunOnceAsync<T>(Guid userId, string? key, object request, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        if (key is null) return new Replayable<T>(await action(), false);
        if (key.Length is 0 or > 200) throw Refusal.Validation((Header, "1–200 个字符（1–200 characters）"));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, EngineJson.Options))));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new IdempotencyRow { UserId = userId, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow() };
        db.IdempotencyKeys.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException conflict) when (StorageErrors.IsConflict(conflict))
        {
            var first = await db.IdempotencyKeys.AsNoTracking().SingleAsync(r => r.UserId == userId && r.Key == key, cancellationToken);
            if (first.RequestHash != hash)
                throw new RefusalException(RefusalKind.Refused, "idempotency-key-reused", "幂等键已用于其他请求 / Idempotency key reused", "this Idempotency-Key was used for a different request");
            if (first.StatusCode is null)
                throw Refusal.Conflict("request-in-progress", "使用同一 Idempotency-Key 的第一次请求仍在处理，请稍后重试（the first request with this Idempotency-Key is still running; retry shortly）");
            return new Replayable<T>(JsonSerializer.Deserialize<T>(first.ResponseBody!, EngineJson.Options)!, true);
        }
        try
        {
            var value = await action();
            row.StatusCode = 201;
            row.ResponseBody = JsonSerializer.Serialize(value, EngineJson.Options);
            await db.SaveChangesAsync(CancellationToken.None);
            return new Replayable<T>(value, false);
        }
        catch (Exception failure)
        {
            // The start failed: free the key so a corrected retry can run. If the disk refuses that too, the start's own
            // failure is what the caller and the log must see; the key stays taken until the disk is mended.
            db.IdempotencyKeys.Remove(row);
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateException freeing) when (StorageErrors.IsUnavailable(freeing))
            {
                ExceptionDispatchInfo.Throw(failure);
            }
            throw;
        }
    }
}
