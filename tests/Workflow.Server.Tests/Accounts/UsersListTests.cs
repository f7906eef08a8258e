using System.Net;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Accounts;

/// <summary>GET /api/admin/users: a screen at a time by cursor, filtered; bad paging is a 400 problem and only admins read it.</summary>
public sealed class UsersListTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task PagingThroughMoreUsersThanOneScreen_YieldsEachMatchingUserOnce()
    {
        var tag = Tag();
        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            names.Add($"list{tag}-{i}");
            await factory.CreateUserAsync(names[^1], Roles.Officer, TestRegions.Town);
        }
        await factory.CreateUserAsync($"list{tag}-chair", Roles.Chair, TestRegions.Town);
        var admin = await factory.AdminAsync();

        var seen = new List<string>();
        string? after = null;
        var screens = 0;
        do
        {
            var response = await admin.GetAsync($"/api/admin/users?search=list{tag}&role={Roles.Officer}&limit=2" + (after is null ? "" : "&after=" + after));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var screen = await response.ReadObjectAsync();
            Assert.Equal(5, (int)screen["total"]!);
            seen.AddRange(screen["items"]!.AsArray().Select(u => (string)u!["userName"]!));
            after = (string?)screen["next"];
            screens++;
        }
        while (after is not null && screens < 10);

        Assert.Equal(3, screens);
        Assert.Equal(names, seen);
    }

    [Fact]
    public async Task TheRegionAndActiveFilters_KeepOnlyTheUsersBelowTheRegionThatAreActive()
    {
        var tag = Tag();
        await factory.CreateUserAsync($"where{tag}-town", Roles.Officer, TestRegions.Town);
        await factory.CreateUserAsync($"where{tag}-village", Roles.Officer, TestRegions.Village);
        var off = await factory.CreateUserAsync($"where{tag}-off", Roles.Officer, TestRegions.Village);
        var admin = await factory.AdminAsync();
        (await admin.PatchAsync($"/api/admin/users/{off}", System.Net.Http.Json.JsonContent.Create(new { active = false }))).EnsureSuccessStatusCode();

        var screen = await (await admin.GetAsync($"/api/admin/users?search=where{tag}&region={TestRegions.Village}&active=true")).ReadObjectAsync();

        Assert.Equal([$"where{tag}-village"], screen["items"]!.AsArray().Select(u => (string)u!["userName"]!));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("after=not*a*cursor", "after")]
    [InlineData("after=IA", "after")]
    [InlineData("role=queen", "role")]
    [InlineData("region=12", "region")]
    public async Task ABadCursorLimitOrFilter_IsA400Problem_NamingTheParameter(string query, string field)
    {
        await factory.SeedRegionsAsync();
        var admin = await factory.AdminAsync();

        var problem = await (await admin.GetAsync("/api/admin/users?" + query)).AssertProblemAsync(400, "validation");

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task ANonAdmin_Gets403()
    {
        var name = "list-officer-" + Tag();
        await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync(name);

        var response = await officer.GetAsync("/api/admin/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
