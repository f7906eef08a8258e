namespace Workflow.Server.Idempotency;

/// <summary>The first answer to a request made with an Idempotency-Key, replayed for retries of it.</summary>
public sealed class IdempotencyRow
{
    public required Guid UserId { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public int? StatusCode { get; set; }
    public string? ResponseBody { get; set; }
    public string? Location { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
}
