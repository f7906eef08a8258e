using Workflow.Federation.Reminders;

namespace Workflow.Federation.Tests.Support;

/// <summary>The host's side of the federation's ports: accounts the test names (or an invitation creates), and a record of every reminder planned or cancelled.</summary>
public sealed class FakePorts : IPeople, IReminderPlanning, IAccountCreation, IDirectMessages
{
    public List<Account> Accounts { get; } = [];
    public List<PlannedReminder> Planned { get; } = [];
    public List<PlannedCalendarEvent> Events { get; } = [];
    public List<string> Cancelled { get; } = [];
    public List<DirectMessage> Direct { get; } = [];

    public Account Add(string userName, string regionCode, bool active = true, params string[] roles)
    {
        var account = new Account(Guid.NewGuid(), userName, userName + "（显示名）", regionCode, roles, active);
        Accounts.Add(account);
        return account;
    }

    /// <summary>An invited leader's account, kept as an active account of the chair role.</summary>
    public Task<DirectChannel> SendAsync(DirectMessage message, CancellationToken cancellationToken)
    {
        Direct.Add(message);
        return Task.FromResult(message.Email is null ? DirectChannel.Sms : DirectChannel.Email);
    }

    public Task<Guid> CreateAsync(NewAccount account, string password, CancellationToken cancellationToken) =>
        Task.FromResult(Add(account.UserName, account.RegionCode, true, [.. account.Roles]).Id);

    public Task<IReadOnlyList<Account>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Account>>([.. Accounts.Where(a => ids.Contains(a.Id))]);

    public async Task<PlanResult> PlanAsync(ReminderPlan plan, CancellationToken cancellationToken = default)
    {
        Events.AddRange(plan.Events);
        return await PlanAsync(plan.Reminders, cancellationToken) with { Events = plan.Events.Count };
    }

    public Task<PlanResult> PlanAsync(IEnumerable<PlannedReminder> reminders, CancellationToken cancellationToken = default)
    {
        var list = reminders.ToList();
        Planned.AddRange(list);
        return Task.FromResult(new PlanResult(list.Count, 0, 0, 0));
    }

    public Task<CancelResult> CancelAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        Cancelled.Add(keyPrefix);
        return Task.FromResult(new CancelResult(0, 0));
    }

    /// <summary>The latest plan of each key under the prefix, as still to come: this fake delivers nothing.</summary>
    public Task<IReadOnlyList<ReminderProgress>> ReadAsync(string keyPrefix, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReminderProgress>>([.. Planned.Where(r => r.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
            .GroupBy(r => r.Key).Select(g => g.Last()).OrderBy(r => r.DueAt)
            .Select(r => new ReminderProgress(r.Key, r.Kind, r.DueAt, ReminderStage.Scheduled, false, []))]);
}
