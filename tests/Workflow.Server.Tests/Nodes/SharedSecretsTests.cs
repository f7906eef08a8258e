using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Hosting;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Nodes;

/// <summary>On PostgreSQL the generated keys live in the database, so that nodes with folders of their own hold the same ones.</summary>
public sealed class SharedSecretsTests
{
    [Fact]
    public async Task AJournalSealedOnOneNode_VerifiesOnTheOther()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var scenario = await Scenario.CreateAsync(nodes.A);
        var (instance, _) = await scenario.StartApprovalAsync();

        var verification = await (await (await nodes.B.AdminAsync()).GetAsync($"/api/instances/{instance}/journal/verification")).ReadObjectAsync();

        Assert.Equal((true, true, 0), ((bool)verification["valid"]!, (bool)verification["sealsChecked"]!, (int)verification["unsealedRows"]!));
    }

    [Fact]
    public async Task DataProtectedOnOneNode_IsReadOnTheOther()
    {
        await using var nodes = await TwoNodes.StartAsync();
        const string purpose = "nodes-test";
        var payload = nodes.A.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("官桥镇");

        Assert.Equal("官桥镇", nodes.B.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(payload));
    }

    [Fact]
    public async Task NodesAskingForANewSecretAtOnce_AllGetTheSameOne()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var secrets = new[] { nodes.A, nodes.B }.Select(n => n.Services.GetRequiredService<SharedSecrets>()).ToArray();
        var start = new TaskCompletionSource();

        var asking = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return Convert.ToBase64String(secrets[i % 2].GetOrCreate("race", 32));
        })).ToList();
        start.SetResult();

        Assert.Single((await Task.WhenAll(asking)).Distinct());
    }

    [Fact]
    public async Task NoGeneratedKeyIsKeptInANodesDataFolder()
    {
        await using var nodes = await TwoNodes.StartAsync();
        await nodes.A.AdminAsync();
        nodes.A.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("nodes-test").Protect("官桥镇");

        Assert.False(Directory.Exists(Path.Combine(nodes.A.DataFolder, "keys")));
    }
}
