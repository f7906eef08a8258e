using Workflow.Engine.Definitions;

namespace Workflow.Server.Hosting;

/// <summary>Where the embedded default keeps its files: the SQLite database, the signing key, and the workflow definitions it publishes at start.</summary>
public sealed record ServerOptions(string DataFolder, string WorkflowsFolder)
{
    public string DatabaseFile => Path.Combine(DataFolder, "workflow.db");

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
        return new ServerOptions(Path.GetFullPath(data), Path.GetFullPath(workflows));
    }

    private static string FindWorkflows()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "workflows", "schema.json"))) return Path.Combine(dir.FullName, "workflows");
        return Path.Combine(AppContext.BaseDirectory, "workflows");
    }
}
