using Workflow.Federation.Reminders;

namespace Workflow.Federation;

/// <summary>
/// Who acts, as the domain needs it: the account id (people in schedules are account ids), the user name for the
/// journal and the records, and the home region that bounds what they see. An admin sees every region.
/// </summary>
public sealed record Acting(Guid Id, string UserName, string RegionCode, bool IsAdmin)
{
    /// <summary>Whether a record in <paramref name="regionCode"/> lies in the actor's region or below it.</summary>
    public bool Covers(string? regionCode) => IsAdmin || Regions.RegionCode.Covers(RegionCode, regionCode);
}

/// <summary>An account of the host, as far as the domain names people: chairs, executives, conveners and invitees.</summary>
public sealed record Account(Guid Id, string UserName, string DisplayName, string RegionCode, IReadOnlyList<string> Roles, bool Active);

/// <summary>The roles of the host's accounts that the domain's rules ask for.</summary>
public static class AccountRoles
{
    public const string Officer = "officer";
    public const string Chair = "chair";
    /// <summary>
    /// 执委: an elected executive member who is neither chair nor vice-chair. She reads her body and hears of her duty group's
    /// turns, but holds none of the chair's rights (chairing a rotation, convening): those belong to the presidium.
    /// </summary>
    public const string Member = "member";

    /// <summary>A role as a sentence names it: 主席 rather than <c>chair</c>.</summary>
    public static string ChineseName(string role) => role switch
    {
        Officer => "妇联干部",
        Chair => "主席",
        Member => "执委",
        _ => role,
    };
}

/// <summary>The people the domain names are the host's accounts; the host says who they are.</summary>
public interface IPeople
{
    /// <summary>The accounts among <paramref name="ids"/> that exist, active or not.</summary>
    Task<IReadOnlyList<Account>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}

/// <summary>An account the domain asks the host to create: an elected leader who accepted her invitation.</summary>
public sealed record NewAccount(string UserName, string DisplayName, string RegionCode, IReadOnlyList<string> Roles, string? Email);

/// <summary>The host owns accounts and their passwords; the domain asks it for one and gets its id (the host refuses a taken name or a weak password).</summary>
public interface IAccountCreation
{
    Task<Guid> CreateAsync(NewAccount account, string password, CancellationToken cancellationToken);
}

/// <summary>A message to someone who has no account yet, at her own address: <see cref="RecipientId"/> names her in the outbox (an invitation's id).</summary>
public sealed record DirectMessage(string Key, Guid RecipientId, string Name, string? Email, string? Phone, LocalizedText Subject, LocalizedText Body, string Link);

/// <summary>How a direct message left: by e-mail, by SMS, or not at all (no channel the host runs reaches her address).</summary>
public enum DirectChannel
{
    None,
    Email,
    Sms,
}

/// <summary>The host's outbox, for the one person a message is for and nobody else (no inbox, no group robot, no webhook).</summary>
public interface IDirectMessages
{
    Task<DirectChannel> SendAsync(DirectMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The host plans and delivers reminders and calendar entries. Planning is idempotent by key (see <see cref="ReminderKeys"/>);
/// cancelling a key prefix drops what is still to come under it, after which the new schedule is planned.
/// </summary>
public interface IReminderPlanning
{
    Task<PlanResult> PlanAsync(ReminderPlan plan, CancellationToken cancellationToken = default);

    Task<PlanResult> PlanAsync(IEnumerable<PlannedReminder> reminders, CancellationToken cancellationToken = default);

    Task<CancelResult> CancelAsync(string keyPrefix, CancellationToken cancellationToken = default);

    /// <summary>The reminders planned under <paramref name="keyPrefix"/>, in due order, with their stage and deliveries: what a schedule shows.</summary>
    Task<IReadOnlyList<ReminderProgress>> ReadAsync(string keyPrefix, CancellationToken cancellationToken = default);
}
