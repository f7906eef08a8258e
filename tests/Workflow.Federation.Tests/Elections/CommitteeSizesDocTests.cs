using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;

namespace Workflow.Federation.Tests.Elections;

/// <summary>docs/founding.md lists the committee sizes per kind; this keeps the table equal to the defaults the count uses.</summary>
public sealed class CommitteeSizesDocTests
{
    [Fact]
    public void TheFoundingDoc_ListsEveryKindsDefaultCommitteeSize()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "founding.md"));

        foreach (var (kind, size) in ElectionRules.DefaultCommitteeSizes)
            Assert.Contains($"| {kind.ChineseName()} | {Range(size.MinExecutiveMembers, size.MaxExecutiveMembers)} | {Range(size.MinViceChairs, size.MaxViceChairs)} |", doc,
                StringComparison.Ordinal);
    }

    private static string Range(int min, int max) => min == max ? $"{min}" : $"{min}–{max}";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Workflow.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException("Workflow.sln not found above the test folder");
    }
}
