using Workflow.Federation.Reminders;

namespace Workflow.Server.Reminders;

/// <summary>What to do with a reminder whose time passed while the service was down.</summary>
public enum LatePolicy
{
    Deliver,
    Drop,
}

/// <summary>
/// Configuration section <c>Reminders</c>. A reminder handled more than <see cref="LateAfter"/> after its due time
/// is late: it is delivered marked late, or dropped, as <see cref="LatePolicy"/> says for its kind.
/// </summary>
public sealed record ReminderOptions
{
    public const string Section = "Reminders";

    public TimeSpan LateAfter { get; init; } = TimeSpan.FromMinutes(1);

    public LatePolicy DefaultLatePolicy { get; init; } = LatePolicy.Deliver;

    public IReadOnlyDictionary<ReminderKind, LatePolicy> LatePolicies { get; init; } = new Dictionary<ReminderKind, LatePolicy>();

    /// <summary>
    /// How far ahead Hangfire holds jobs. Terms run five years and hold hundreds of reminders per body; only those
    /// due within the horizon become jobs, and a timer extends it, so start-up stays quick however much is planned.
    /// </summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long before its second a sweep job is woken. Hangfire keeps scheduled jobs by whole seconds and looks for
    /// them every <c>Jobs:PollSeconds</c>, so it may start a job up to a poll late; woken this much early, the job waits
    /// on the service clock for each reminder's exact due time instead. At least the poll interval, in whole seconds.
    /// </summary>
    public TimeSpan JobLead { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reminders delivered in one transaction by a sweep.</summary>
    public int BatchSize { get; init; } = 200;

    public bool IsLate(DateTimeOffset dueAt, DateTimeOffset handledAt) => handledAt - dueAt > LateAfter;

    public LatePolicy PolicyFor(ReminderKind kind) => LatePolicies.TryGetValue(kind, out var policy) ? policy : DefaultLatePolicy;

    /// <summary>
    /// Reads <c>Reminders:LateAfterSeconds</c>, <c>Reminders:HorizonHours</c>, <c>Reminders:BatchSize</c> (and <c>Jobs:PollSeconds</c> for the job lead) and
    /// <c>Reminders:LatePolicy:Default</c> / <c>Reminders:LatePolicy:&lt;Kind&gt;</c> (<c>Deliver</c> or <c>Drop</c>).
    /// </summary>
    public static ReminderOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new ReminderOptions();
        var policies = section.GetSection("LatePolicy");
        var perKind = new Dictionary<ReminderKind, LatePolicy>();
        foreach (var entry in policies.GetChildren().Where(c => !string.Equals(c.Key, "Default", StringComparison.OrdinalIgnoreCase)))
        {
            if (!Enum.TryParse<ReminderKind>(entry.Key, ignoreCase: true, out var kind))
                throw new InvalidOperationException($"Reminders:LatePolicy:{entry.Key}: no reminder kind '{entry.Key}' (known: {string.Join(", ", Enum.GetNames<ReminderKind>())})");
            perKind[kind] = ParsePolicy(entry.Path, entry.Value);
        }
        return new ReminderOptions
        {
            LateAfter = TimeSpan.FromSeconds(section.GetValue("LateAfterSeconds", defaults.LateAfter.TotalSeconds)),
            DefaultLatePolicy = policies["Default"] is { } value ? ParsePolicy(policies.Path + ":Default", value) : defaults.DefaultLatePolicy,
            LatePolicies = perKind,
            Horizon = TimeSpan.FromHours(section.GetValue("HorizonHours", defaults.Horizon.TotalHours)),
            JobLead = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(configuration.GetValue("Jobs:PollSeconds", 1.0)))),
            BatchSize = Math.Max(1, section.GetValue("BatchSize", defaults.BatchSize)),
        };
    }

    private static LatePolicy ParsePolicy(string path, string? value) =>
        Enum.TryParse<LatePolicy>(value, ignoreCase: true, out var policy) ? policy
        : throw new InvalidOperationException($"{path}: '{value}' is not Deliver or Drop");
}
