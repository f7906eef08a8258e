using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Accounts;

/// <summary>Lockout must not tell which accounts exist: every name is answered alike.</summary>
public sealed class LockoutTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    /// <summary>Five wrong passwords, then the answers to a sixth.</summary>
    private async Task<(IReadOnlyList<int> Failures, JsonObject Sixth)> GuessAsync(string userName)
    {
        var client = factory.CreateClient();
        var failures = new List<int>();
        for (var i = 0; i < 5; i++)
            failures.Add((int)(await client.PostAsJsonAsync("/api/auth/token", new { userName, password = "wrong-password-" + i })).StatusCode);
        var sixth = await (await client.PostAsJsonAsync("/api/auth/token", new { userName, password = ServiceFactory.Password })).AssertProblemAsync(423, "account-locked");
        return (failures, sixth);
    }

    private static IReadOnlyList<string> Shape(JsonObject problem) => [.. problem.Select(p => p.Key).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task AnUnknownName_IsLockedOutExactlyLikeARealOne()
    {
        var real = Sessions.UniqueName("officer");
        await factory.CreateUserAsync(real, Roles.Officer, TestRegions.Town);

        var (realFailures, realLock) = await GuessAsync(real);
        var (unknownFailures, unknownLock) = await GuessAsync(Sessions.UniqueName("nobody"));

        Assert.Equal(realFailures, unknownFailures);
        Assert.Equal(Shape(realLock), Shape(unknownLock));
        Assert.Equal((string?)realLock["title"], (string?)unknownLock["title"]);
        Assert.NotNull(unknownLock["lockedUntil"]);
    }

    [Fact]
    public async Task ADeactivatedAccount_IsLockedOutLikeAnyOtherName()
    {
        var name = Sessions.UniqueName("officer");
        var id = await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var admin = await factory.AdminAsync();
        (await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { active = false })).EnsureSuccessStatusCode();

        var (failures, locked) = await GuessAsync(name);

        Assert.All(failures, status => Assert.Equal(401, status));
        Assert.NotNull(locked["lockedUntil"]);
    }

    [Fact]
    public async Task AnUnknownName_IsLockedWhateverItsCase()
    {
        var name = Sessions.UniqueName("nobody");
        await GuessAsync(name);

        await (await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = name.ToUpperInvariant(), password = "x-1234567890" }))
            .AssertProblemAsync(423, "account-locked");
    }

    [Fact]
    public async Task ANameLongerThanAnyAccountsName_IsRefusedAsInvalid_AndNeverCountsTowardsALock()
    {
        var client = factory.CreateClient();
        var name = new string('x', UserDirectory.MaxUserNameLength + 1);

        for (var i = 0; i < 6; i++)
            await (await client.PostAsJsonAsync("/api/auth/token", new { userName = name, password = "wrong-password-" + i })).AssertProblemAsync(400, "validation");
    }
}
