using Microsoft.Extensions.Configuration;
using Workflow.Server.Reminders;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Tests.Reminders;

public sealed class LatePolicyTests
{
    private static readonly DateTimeOffset s_due = new(2027, 3, 1, 1, 0, 0, TimeSpan.Zero);

    private static ReminderOptions Read(params (string Key, string Value)[] settings) =>
        ReminderOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void WithoutConfiguration_EveryKindIsDeliveredLate_AfterAMinute()
    {
        var options = Read();
        Assert.All(Enum.GetValues<ReminderKind>(), kind => Assert.Equal(LatePolicy.Deliver, options.PolicyFor(kind)));
        Assert.False(options.IsLate(s_due, s_due.AddSeconds(60)));
        Assert.True(options.IsLate(s_due, s_due.AddSeconds(61)));
    }

    [Fact]
    public void APolicyPerKind_OverridesTheDefault()
    {
        var options = Read(("Reminders:LatePolicy:Default", "drop"), ("Reminders:LatePolicy:ReElection", "Deliver"), ("Reminders:LateAfterSeconds", "5"));
        Assert.Equal(LatePolicy.Drop, options.PolicyFor(ReminderKind.Rotation));
        Assert.Equal(LatePolicy.Deliver, options.PolicyFor(ReminderKind.ReElection));
        Assert.True(options.IsLate(s_due, s_due.AddSeconds(6)));
    }

    [Fact]
    public void AnUnknownKindOrPolicy_StopsTheStartWithTheKeyNamed()
    {
        var kind = Assert.Throws<InvalidOperationException>(() => Read(("Reminders:LatePolicy:Rotations", "Drop")));
        Assert.Contains("Reminders:LatePolicy:Rotations", kind.Message, StringComparison.Ordinal);
        var policy = Assert.Throws<InvalidOperationException>(() => Read(("Reminders:LatePolicy:Rotation", "later")));
        Assert.Contains("'later' is not Deliver or Drop", policy.Message, StringComparison.Ordinal);
    }
}
