using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Foundings;

/// <summary>Checks between the ledger and the registry: the right region for a township federation, one body per organization, Chinese names in refusals.</summary>
public sealed class FoundingChecksTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task ATownshipFederation_IsFoundedInItsTownship_AndRefusedWhenItsUnitsSpanTheDistrict()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        await factory.CreateUserAsync("fc-district-officer", Roles.Officer, TestRegions.District);
        var district = await factory.SignInAsync("fc-district-officer");
        var here = await team.AddOrganizationAsync("官桥某商会", staff: 80, women: 40);
        var there = await team.AddOrganizationAsync("水头某商会", staff: 60, women: 30, region: TestRegions.NeighbourVillage, by: team.NeighbourOfficer);

        var spread = await (await district.PostAsJsonAsync("/api/foundings",
            new { organizationIds = new[] { here, there }, name = "两镇联合妇联", kind = "township", mode = "joint", modeReason = "两镇商会共建" })).AssertProblemAsync(400, "validation");
        Assert.StartsWith("乡镇(街道)妇联只能在乡镇或街道组建", (string?)spread["errors"]!["kind"]![0], StringComparison.Ordinal);

        var opened = await team.OpenAsync(new { organizationIds = new[] { here }, name = "官桥镇商会妇联", kind = "township", mode = "standalone", modeReason = "镇级组织" });
        Assert.Equal(TestRegions.Town, (string?)opened["regionCode"]);
    }

    [Fact]
    public async Task AnOrganizationInAFoundedBody_IsRefusedASecondBody_UnlessTheRequestSaysItLeavesTheFirst()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var organization = await team.AddOrganizationAsync("官桥某鞋业有限公司", staff: 500, women: 300);
        var body = await factory.RegisteredBodyAsync(name: "官桥鞋业联合妇联");
        await factory.Services.GetRequiredService<FederationWriter>().WriteAsync(db =>
        {
            db.BodyMembers.Add(new FederationBodyMemberRow { BodyId = body, OrganizationId = organization });
            return db.SaveChangesAsync();
        }, CancellationToken.None);
        var request = new { organizationIds = new[] { organization }, name = "官桥某鞋业有限公司妇联", kind = "enterprise", mode = "standalone", modeReason = "单独建会" };

        var refused = await (await team.Officer.PostAsJsonAsync("/api/foundings", request)).AssertProblemAsync(409, "conflict");
        Assert.Contains("已是“官桥鞋业联合妇联”", (string?)refused["detail"], StringComparison.Ordinal);

        var leaving = await team.Officer.PostAsJsonAsync("/api/foundings", new
        {
            request.organizationIds, request.name, request.kind, request.mode, request.modeReason, leavesBodyIds = new[] { body },
        });
        Assert.Equal(HttpStatusCode.Created, leaving.StatusCode);
    }

    [Fact]
    public async Task Refusals_NameTheModeAndTheStepInChinese()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var organization = await team.AddOrganizationAsync("官桥某石材有限公司", staff: 400, women: 120);

        var mode = await (await team.Officer.PostAsJsonAsync("/api/foundings", new { organizationIds = new[] { organization }, name = "某妇联", kind = "enterprise", mode = "hosted" }))
            .AssertProblemAsync(400, "validation");
        var modeReason = (string?)mode["errors"]!["modeReason"]![0];
        Assert.Contains("与建议（企业妇联·单独建）不同", modeReason, StringComparison.Ordinal);

        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = "官桥某石材有限公司妇联", kind = "enterprise", mode = "standalone" });
        var early = await (await team.Officer.PutAsJsonAsync($"/api/foundings/{(string)opened["id"]!}/candidates", new
        {
            executiveSeats = 7, viceChairSeats = 2, executiveCandidates = Array.Empty<object>(), chairCandidateIds = Array.Empty<string>(),
            viceChairCandidateIds = Array.Empty<string>(), congressDate = factory.Today().AddDays(20),
        }))
            .AssertProblemAsync(409, "conflict");
        Assert.Contains("不能进行“成立筹备组，拟定选举办法，提名候选人”", (string?)early["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("为 ，", (string?)early["detail"], StringComparison.Ordinal);
    }
}
