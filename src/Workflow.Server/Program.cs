using Workflow.Server.Hosting;

if (await Commands.TryRunAsync(args, Console.Out) is { } exitCode) return exitCode;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkflowService();
var app = builder.Build();
app.MapWorkflowService();
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"Workflow service listening on {string.Join(", ", app.Urls)} — API page /api-docs, data in {app.Services.GetRequiredService<ServerOptions>().DataFolder}"));
try
{
    app.Run();
    return 0;
}
catch (DataFolderNotWritableException refused)
{
    Console.Error.WriteLine(refused.Message);
    return DataFolderCheck.ExitCode;
}

/// <summary>Entry point, visible to integration tests.</summary>
public partial class Program;
