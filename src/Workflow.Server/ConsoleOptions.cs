using Workflow.Engine.Definitions;

namespace Workflow.Server;

public sealed record ConsoleOptions(string DataFolder, string WorkflowsFolder)
{
    public static ConsoleOptions Parse(string[] args)
    {
        string? data = null, workflows = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--data") data = args[i + 1];
            if (args[i] == "--workflows") workflows = args[i + 1];
        }
        return new ConsoleOptions(data ?? Path.Combine(Environment.CurrentDirectory, "data"), workflows ?? FindWorkflows());
    }

    /// <summary>The roles and approver kinds of <c>schema.json</c> beside the definitions, so the loader refuses what an editor marks.</summary>
    public AssignmentVocabulary ReadAssignmentVocabulary()
    {
        var schema = Path.Combine(WorkflowsFolder, "schema.json");
        return File.Exists(schema) ? AssignmentVocabulary.FromSchema(File.ReadAllText(schema)) : AssignmentVocabulary.Open;
    }

    private static string FindWorkflows()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "workflows"))) return Path.Combine(dir.FullName, "workflows");
        return Path.Combine(AppContext.BaseDirectory, "workflows");
    }
}
