using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Engine;

/// <summary>The journal key lives in the data folder (<c>keys/journal.key</c>), outside the database; a restart reads it back.</summary>
public sealed class JournalKeyTests
{
    private static async Task<(string Folder, Guid Instance)> DecidedApprovalAsync()
    {
        using var first = new ServiceFactory { KeepDataFolder = true };
        var s = await Scenario.CreateAsync(first);
        var (instance, task) = await s.StartApprovalAsync();
        (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve", form = new { opinion = "同意" } })).EnsureSuccessStatusCode();
        return (first.DataFolder, instance);
    }

    private static async Task<JsonObject> VerifyAfterRestartAsync(string folder, Guid instance)
    {
        using var restarted = ServiceFactory.On(folder);
        var admin = await restarted.AdminAsync();
        return await (await admin.GetAsync($"/api/instances/{instance}/journal/verification")).ReadObjectAsync();
    }

    [Fact]
    public async Task ARestartWithTheSameKeyFile_VerifiesTheSealedJournal()
    {
        var (folder, instance) = await DecidedApprovalAsync();

        var check = await VerifyAfterRestartAsync(folder, instance);

        Assert.True((bool)check["valid"]!, check.ToJsonString());
        Assert.Equal(("intact", true, 0L), ((string?)check["finding"], (bool)check["sealsChecked"]!, (long)check["unsealedRows"]!));
    }

    [Fact]
    public async Task ARestartWithAnotherKeyFile_ReportsTheJournalAsForged()
    {
        var (folder, instance) = await DecidedApprovalAsync();
        await File.WriteAllTextAsync(Path.Combine(folder, "keys", "journal.key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));

        var check = await VerifyAfterRestartAsync(folder, instance);

        Assert.Equal((false, "forged", 1L), ((bool)check["valid"]!, (string?)check["finding"], (long?)check["firstBadSequence"]));
    }
}
