using Workflow.Engine.Definitions;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Hosting;

/// <summary>
/// Where the service keeps its files (the signing key, data-protection keys and, in the embedded default, the SQLite database), the
/// workflow definitions it publishes at start, and the database every store runs on.
/// </summary>
public sealed record ServerOptions(string DataFolder, string WorkflowsFolder, StorageProvider Provider = StorageProvider.Sqlite, string? ConnectionString = null)
{
    public string DatabaseFile => Path.Combine(DataFolder, "workflow.db");

    /// <summary>
    /// <c>Storage:Provider</c> = <c>Sqlite</c> (default: <c>workflow.db</c> in the data folder) or <c>PostgreSql</c> with
    /// <c>ConnectionStrings:Workflow</c>: the engine's, the federation's and the service's contexts and the transition store.
    /// </summary>
    public WorkflowStorage Storage => Provider == StorageProvider.PostgreSql
        ? WorkflowStorage.PostgreSql(ConnectionString ?? throw new InvalidOperationException("Storage:Provider is PostgreSql but ConnectionStrings:Workflow is not set"))
        : WorkflowStorage.Sqlite(DatabaseFile);

    /// <summary>The roles and approver kinds of <c>schema.json</c> beside the definitions, so the loader refuses what an editor marks.</summary>
    public AssignmentVocabulary ReadAssignmentVocabulary()
    {
        var schema = Path.Combine(WorkflowsFolder, "schema.json");
        return File.Exists(schema) ? AssignmentVocabulary.FromSchema(File.ReadAllText(schema)) : AssignmentVocabulary.Open;
    }

    /// <summary>Reads <c>--data &lt;dir&gt;</c> (or <c>Data</c> in configuration) and <c>--workflows &lt;dir&gt;</c>.</summary>
    public static ServerOptions From(IConfiguration configuration)
    {
        var data = configuration["data"] ?? configuration["Data:Folder"] ?? Path.Combine(Environment.CurrentDirectory, "data");
        var workflows = configuration["workflows"] ?? configuration["Workflows:Folder"] ?? FindWorkflows();
        return new ServerOptions(Path.GetFullPath(data), Path.GetFullPath(workflows), WorkflowStorage.ParseProvider(configuration["Storage:Provider"]),
            configuration.GetConnectionString("Workflow"));
    }

    private static string FindWorkflows()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "workflows", "schema.json"))) return Path.Combine(dir.FullName, "workflows");
        return Path.Combine(AppContext.BaseDirectory, "workflows");
    }
}
