using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Workflow.Federation.Reminders;
using Workflow.Server.Hosting;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;
using Workflow.Tests.Databases;
using Xunit.Abstractions;

namespace Workflow.Server.Tests.Storage;

/// <summary>
/// <c>copy-to-postgresql</c> on the data folder of a SQLite service that ran: the service started on the copy carries on where the
/// embedded one stopped, and a copy that does not match its source is reported, never passed.
/// </summary>
public sealed class CopyToPostgreSqlTests(ITestOutputHelper log)
{
    // Characters outside the Basic Multilingual Plane (CJK Extension B, GB 18030's four-byte range): they must arrive intact.
    private const string Rare = "𠀀𪚥";

    [Fact]
    public async Task AServiceOnTheCopy_ShowsTheSameTask_DecidesIt_AndDeliversThePlannedReminder()
    {
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        var (folder, tag, founding, instance, chairName) = await FoundingHalfWayAsync(clock);
        var target = await PostgresCluster.Shared.CreateDatabaseAsync("copy");

        var (exit, report) = await CopyAsync(folder, target);
        log.WriteLine(report);

        Assert.True(exit == 0, report);
        Assert.Contains("The copy matches its source.", report, StringComparison.Ordinal);
        Assert.Matches(@"engine\s+journal\s+(\d+)\s+\1\s+ok", report);
        Assert.Contains("mismatched_tables=0", report, StringComparison.Ordinal);
        Assert.Contains("broken_chains=0", report, StringComparison.Ordinal);

        // Another node's folder: only the journal key travels with the database, as Journal:Key.
        await using var copy = new ServiceFactory { Clock = clock };
        copy.Settings["Storage:Provider"] = "PostgreSql";
        copy.Settings["ConnectionStrings:Workflow"] = target;
        copy.Settings["Journal:Key"] = File.ReadAllText(Path.Combine(folder, "keys", "journal.key")).Trim();
        var team = await FoundingTeam.SignInAsync(copy, tag);

        var inbox = (JsonArray)(await (await team.Superior.GetAsync("/api/tasks?activityId=preparationApproval&show=all")).ReadObjectAsync())["items"]!;
        Assert.Contains(inbox, t => (string?)t!["instanceId"] == instance.ToString());
        var opened = await FoundingTeam.FoundingAsync(team.Officer, founding);
        Assert.Equal($"{Rare}石业有限公司妇联", (string?)opened["name"]);
        await FoundingTeam.DecideAsync(team.Superior, instance, "preparationApproval", "approve", new { opinion = $"同意筹建{Rare}" });
        Assert.Equal(["prepare"], ((JsonArray)(await FoundingTeam.FoundingAsync(team.Officer, founding))["waitingAt"]!).Select(a => (string)a!));

        var admin = await copy.AdminAsync();
        var verification = await (await admin.GetAsync($"/api/instances/{instance}/journal/verification")).ReadObjectAsync();
        Assert.True((bool)verification["valid"]!, verification.ToJsonString());
        Assert.Equal(0, (long)verification["unsealedRows"]!);
        var journal = (JsonArray)JsonNode.Parse(await admin.GetStringAsync($"/api/instances/{instance}/journal"))!;
        Assert.Contains(journal, e => (string?)e!["data"] is { } data && JsonNode.Parse(data) is JsonObject decision && (string?)decision["opinion"] == $"同意，党建带妇建{Rare}");
        // The ledger's identity sequence went on past the copied ids: a new organization gets a new survey row.
        await team.AddOrganizationAsync($"{Rare}新材料有限公司", staff: 80, women: 60);

        // Hangfire's tables were not copied: the reminder planned on SQLite is scheduled again from the database at start-up.
        var chair = await copy.SignInAsync(chairName);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(await Eventually.HoldsAsync(async () => (await chair.InboxAsync()).Count == 1, TimeSpan.FromSeconds(20)), "the reminder planned before the copy arrives");
    }

    [Fact]
    public async Task ATamperedSourceJournalRow_FailsTheVerification_AndSaysTheSourceWasAlreadyBroken()
    {
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        var (folder, _, _, instance, _) = await FoundingHalfWayAsync(clock);
        await using (var file = new SqliteConnection($"Data Source={Path.Combine(folder, "workflow.db")};Pooling=false"))
        {
            await file.OpenAsync();
            await using var tamper = file.CreateCommand();
            // Someone with the file drops the append-only trigger and rewrites who decided.
            tamper.CommandText = "DROP TRIGGER journal_no_update; UPDATE journal SET Actor = 'someone else' WHERE InstanceId = $id AND Sequence = 2;";
            tamper.Parameters.AddWithValue("$id", instance.ToString().ToUpperInvariant());
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var (exit, report) = await CopyAsync(folder, await PostgresCluster.Shared.CreateDatabaseAsync("copy"));

        Assert.Equal(CopyToPostgreSql.Mismatch, exit);
        Assert.Contains($"instance {instance}, row 2: its content does not match its hash", report, StringComparison.Ordinal);
        Assert.Contains("already so in the SQLite source", report, StringComparison.Ordinal);
        Assert.Contains("The copy does NOT match its source", report, StringComparison.Ordinal);
        Assert.Contains("broken_chains=1", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATargetThatHoldsRows_IsRefused_AndKeepsWhatItHeld()
    {
        string folder;
        await using (var sqlite = new ServiceFactory { KeepDataFolder = true })
        {
            folder = sqlite.DataFolder;
            await sqlite.AdminAsync();
        }
        var target = await PostgresCluster.Shared.CreateDatabaseAsync("copy");
        Assert.Equal(0, (await CopyAsync(folder, target)).Exit);

        var (exit, report) = await CopyAsync(folder, target);

        Assert.Equal(CopyToPostgreSql.Refused, exit);
        Assert.Contains("the target database is not empty", report, StringComparison.Ordinal);
        Assert.Contains("public.users", report, StringComparison.Ordinal);
        Assert.Contains("copy only into a new, empty database", report, StringComparison.Ordinal);
        Assert.DoesNotContain("tables=", report, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Report)> CopyAsync(string folder, string target)
    {
        using var output = new StringWriter();
        var exit = await Commands.TryRunAsync(["copy-to-postgresql", "--data", folder, "--to", target], output);
        Assert.NotNull(exit);
        return (exit.Value, output.ToString());
    }

    /// <summary>A SQLite service with a founding endorsed by the party and waiting for the superior federation, and a reminder planned for a chair.</summary>
    private static async Task<(string Folder, string Tag, Guid Founding, Guid Instance, string Chair)> FoundingHalfWayAsync(FakeTimeProvider clock)
    {
        await using var sqlite = new ServiceFactory { Clock = clock, KeepDataFolder = true };
        await sqlite.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(sqlite);
        var organization = await team.AddOrganizationAsync($"{Rare}石业有限公司", staff: 400, women: 120);
        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = $"{Rare}石业有限公司妇联", kind = "enterprise", mode = "standalone" });
        var instance = Guid.Parse((string)opened["instanceId"]!);
        await FoundingTeam.DecideAsync(team.Party, instance, "partyOpinion", "endorse", new { opinion = $"同意，党建带妇建{Rare}" });
        var chairName = $"chair-{team.Tag}";
        var chair = await sqlite.CreateChairAsync(chairName);
        await sqlite.Planner().PlanAsync([ReminderTestExtensions.Reminder(ReminderKeys.Rotation(Guid.NewGuid(), 0, ReminderKeys.Ahead, chair), chair, clock.GetUtcNow().AddSeconds(3))]);
        return (sqlite.DataFolder, team.Tag, Guid.Parse((string)opened["id"]!), instance, chairName);
    }
}
