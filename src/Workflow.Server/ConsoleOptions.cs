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

    private static string FindWorkflows()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "workflows"))) return Path.Combine(dir.FullName, "workflows");
        return Path.Combine(AppContext.BaseDirectory, "workflows");
    }
}
