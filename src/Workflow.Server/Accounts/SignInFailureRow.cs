namespace Workflow.Server.Accounts;

/// <summary>Failed sign-ins under a name that has no active account, by the hash of the name (see <see cref="SignInLockout"/>).</summary>
public sealed class SignInFailureRow
{
    public required string NameHash { get; init; }
    public int Failures { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public required DateTimeOffset LastFailureAt { get; set; }
    public int Revision { get; set; }
}
