using Workflow.Federation.Common;
using Workflow.Federation.DutyGroups;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.DutyGroups;

/// <summary>Duty groups are split by the rules, kept in the federation's tables, and reminded through the host's reminder port.</summary>
public sealed class DutyGroupScheduleTests
{
    private const string Village = "370102001001";

    private static async Task<(FederationHost Host, FakePorts Ports, Guid Body, List<Guid> Executives)> BodyWithExecutivesAsync(int count)
    {
        var ports = new FakePorts();
        var executives = Enumerable.Range(1, count).Select(i => ports.Add($"exec{i}", Village).Id).ToList();
        var host = await FederationHost.StartAsync(ports: ports);
        var body = await Bodies.FoundAsync(host, "水暖城妇联", Village, FederationKind.Industry, Sector.NewEconomic, new DateOnly(2026, 12, 1));
        await Bodies.AddExecutivesAsync(host, body, executives);
        return (host, ports, body.Id, executives);
    }

    [Fact]
    public async Task AnAccountOutsideTheBodysExecutiveCommittee_IsRefusedByName_AndNothingIsPlanned()
    {
        var (host, ports, body, executives) = await BodyWithExecutivesAsync(12);
        await using var _ = host;
        var outsider = ports.Add("outsider", Village);

        var refused = await Assert.ThrowsAsync<FederationValidationException>(() => host.Get<DutyGroupSchedule>()
            .PlanAsync(new Acting(Guid.NewGuid(), "officer", Village, false), body, new DutyGroupsRequest(new DateOnly(2027, 1, 1), [.. executives.Skip(1), outsider.Id], 2, 5, 7), default));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("executives", "invalid.not-on-committee"), (problem.Field, problem.Reason.Code));
        Assert.Contains(outsider.DisplayName, problem.Reason.ZhCn, StringComparison.Ordinal);
        Assert.DoesNotContain(ports.Planned, r => r.Key.StartsWith($"duty-group:{body:N}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASplit_IsStored_AndItsTurnsAreRemindedThroughThePort_AfterTheOldOnesAreCancelled()
    {
        var (host, ports, body, executives) = await BodyWithExecutivesAsync(12);
        await using var _ = host;
        var officer = new Acting(Guid.NewGuid(), "officer", Village, false);
        var schedule = host.Get<DutyGroupSchedule>();

        var planned = await schedule.PlanAsync(officer, body, new DutyGroupsRequest(new DateOnly(2027, 1, 1), executives, 2, 5, 7), default);
        var read = await schedule.GetAsync(officer, body, default);

        Assert.Equal([6, 6], planned.Groups.Select(g => g.MemberIds.Count));
        Assert.Equal(planned.Turns.Count, read.Turns.Count);
        Assert.Equal("officer", read.UpdatedBy);
        Assert.Equal([$"duty-group:{body:N}:"], ports.Cancelled);
        Assert.NotEmpty(ports.Planned);
        Assert.All(ports.Planned, r => Assert.StartsWith($"duty-group:{body:N}:", r.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BoundsThatCannotBeMet_AreRefusedWithTheNearestSettings_AndNothingIsPlanned()
    {
        var (host, ports, body, executives) = await BodyWithExecutivesAsync(12);
        await using var _ = host;

        var refused = await Assert.ThrowsAsync<RuleRefusedException>(() => host.Get<DutyGroupSchedule>()
            .PlanAsync(new Acting(Guid.NewGuid(), "officer", Village, false), body, new DutyGroupsRequest(new DateOnly(2027, 1, 1), executives, 6, 5, 7), default));

        Assert.Equal(ScheduleCodes.DutyGroupsCannotBeMet, refused.Explanations[0].Code);
        Assert.NotEmpty((IEnumerable<DutyGroupSettings>)refused.Details["proposals"]!);
        Assert.Empty(ports.Planned);
    }
}
