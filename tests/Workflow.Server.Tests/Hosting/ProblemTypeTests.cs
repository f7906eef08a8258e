using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Hosting;

/// <summary>Answers the framework writes itself carry the service's stable problem types too, and an unforeseen failure is a logged 500 <c>internal</c>.</summary>
public sealed class ProblemTypeTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task AWrongContentType_Is415WithItsOwnType()
    {
        var admin = await factory.AdminAsync();
        await (await admin.PostAsync("/api/organizations", new StringContent("{}", Encoding.UTF8, "text/plain"))).AssertProblemAsync(415, "unsupported-media-type");
    }

    [Fact]
    public async Task AnIdThatIsNoGuid_Is404NotFound()
    {
        var admin = await factory.AdminAsync();
        await (await admin.GetAsync("/api/organizations/not-a-guid")).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task AChunkedBodyOverTheLimit_OnKestrel_Is413PayloadTooLarge()
    {
        // Kestrel itself stops a chunked body at the limit, before the service's own counting does; the in-memory test server would not.
        await using var kestrel = new ServiceFactory();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var admin = await kestrel.AdminAsync();
        var huge = "{\"facts\":{\"name\":\"" + new string('x', 2_000_000) + "\"}}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organizations") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await (await admin.SendAsync(request)).AssertProblemAsync(413, "payload-too-large");
    }

    [Fact]
    public async Task AnUnforeseenFailure_Is500Internal_WithTheRequestId_AndIsLogged()
    {
        var log = new ErrorLog();
        using var failing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            FailingBody.AddTo(s);
            s.AddSingleton<ILoggerProvider>(log);
        }));
        var client = failing.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add(FailingBody.Header, "yes");
        var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(500, "internal");
        var requestId = (string?)problem["requestId"];
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.DoesNotContain("the test's body fails to read", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.Exception is InvalidOperationException && e.Message.Contains(requestId!, StringComparison.Ordinal));
    }
}
