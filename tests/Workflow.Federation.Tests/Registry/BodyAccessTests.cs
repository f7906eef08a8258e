using Workflow.Federation.Common;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Registry;

/// <summary>Who may plan for a body, and who may be named in its schedules: the host's accounts, judged by the domain's rules.</summary>
public sealed class BodyAccessTests
{
    private const string Town = "370102001";
    private const string Village = "370102001001";

    [Fact]
    public async Task ABodyOutsideTheActorsRegion_IsNotFound_ButAnAdminSeesIt()
    {
        await using var host = await FederationHost.StartAsync();
        var body = await Bodies.FoundAsync(host, "水暖城妇联", Village, FederationKind.Industry, Sector.NewEconomic, new DateOnly(2026, 12, 1));
        var access = host.Get<BodyAccess>();

        var refused = await Assert.ThrowsAsync<FederationException>(() => access.VisibleAsync(new Acting(Guid.NewGuid(), "neighbour", "370102002", false), body.Id, default));
        var seen = await access.VisibleAsync(new Acting(Guid.NewGuid(), "admin", "370102002", true), body.Id, default);

        Assert.Equal(FederationError.NotFound, refused.Error);
        Assert.Equal(body.Id, seen.Id);
    }

    [Fact]
    public async Task PeopleNamedForASchedule_MustBeActive_HoldTheRole_AndWorkOnTheRegionsPath_EachProblemListed()
    {
        var ports = new FakePorts();
        var chair = ports.Add("chair", Town, roles: AccountRoles.Chair);
        var gone = ports.Add("gone", Town, active: false, roles: AccountRoles.Chair);
        var officer = ports.Add("officer", Town, roles: AccountRoles.Officer);
        var neighbour = ports.Add("neighbour", "370102002", roles: AccountRoles.Chair);
        await using var host = await FederationHost.StartAsync(ports: ports);
        var access = host.Get<BodyAccess>();

        var names = await access.CheckPeopleAsync([chair.Id], AccountRoles.Chair, Village, "order", default);
        var refused = await Assert.ThrowsAsync<FederationValidationException>(() =>
            access.CheckPeopleAsync([chair.Id, gone.Id, officer.Id, neighbour.Id], AccountRoles.Chair, Village, "order", default));

        Assert.Equal("chair（显示名）", names[chair.Id]);
        Assert.Equal(["invalid.no-such-account", "invalid.missing-role", "invalid.outside-region"], refused.Problems.Select(p => p.Reason.Code));
        Assert.All(refused.Problems, p => Assert.Equal("order", p.Field));
    }
}
