namespace Workflow.Federation.Tests.Support;

/// <summary>The checkout the tests run from: docs and workflow definitions are read where a person edits them.</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Workflow.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException("Workflow.sln not found above the test folder");
    }
}
