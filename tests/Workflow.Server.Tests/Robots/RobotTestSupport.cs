using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Robots;

public static class RobotTestSupport
{
    public const string SiteUrl = "https://fulian.example.cn/";

    /// <summary>Robots on quick retries and a site URL for links; the rate limit stays the platforms' 20 a minute.</summary>
    public static ServiceFactory WithRobots(this ServiceFactory factory)
    {
        factory.Settings["Robots:SiteUrl"] = SiteUrl;
        factory.Settings["Robots:Attempts"] = "3";
        factory.Settings["Robots:BackoffSeconds"] = "0.2";
        factory.Settings["Reminders:LateAfterSeconds"] = "3600";
        return factory;
    }

    /// <summary>A town officer sets up a robot through the API, as she would on the body's page.</summary>
    public static async Task<JsonObject> AddRobotAsync(this HttpClient officer, object robot)
    {
        var response = await officer.PostAsJsonAsync("/api/robots", robot);
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }

    public static async Task<HttpClient> TownOfficerAsync(this ServiceFactory factory, string userName = "officer-town")
    {
        await factory.CreateUserAsync(userName, Roles.Officer, TestRegions.Town);
        return await factory.SignInAsync(userName);
    }
}
