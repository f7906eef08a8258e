using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Hosting;

public sealed class DemoDataTests
{
    [Fact]
    public async Task AFirstStart_ShowsANewcomerTheSeedsOrganizations_AndARestartAddsNothing()
    {
        var factory = new ServiceFactory { KeepDataFolder = true };
        factory.Settings["DemoData:Enabled"] = "true";
        int total;
        await using (factory)
        {
            var admin = await factory.AdminAsync();
            var ledger = await (await admin.GetAsync("/api/organizations?pageSize=200")).ReadObjectAsync();
            total = ((JsonArray)ledger["items"]!).Count;
            Assert.Null(ledger["next"]);
            var names = ((JsonArray)ledger["items"]!).Select(o => (string)o!["facts"]!["name"]!).ToList();
            Assert.InRange(total, 24, 60);
            Assert.Contains("福建省弘一石业有限公司", names);
            Assert.Contains("南安市外卖骑手群体", names);

            var plan = (JsonArray)JsonNode.Parse(await admin.GetStringAsync("/api/classification/plan"))!;
            Assert.NotEmpty(plan);
            var coverage = await (await admin.GetAsync("/api/coverage?year=2026")).ReadObjectAsync();
            Assert.Equal(total, (int)coverage["total"]!["surveyed"]!);
            Assert.Equal(40, (int)coverage["target"]!["targetBodies"]!);
        }

        var restarted = ServiceFactory.On(factory.DataFolder);
        restarted.Settings["DemoData:Enabled"] = "true";
        await using (restarted)
        {
            var ledger = await (await (await restarted.AdminAsync()).GetAsync("/api/organizations?pageSize=200")).ReadObjectAsync();
            Assert.Equal(total, ((JsonArray)ledger["items"]!).Count);
        }
    }
}
