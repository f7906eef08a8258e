using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Elections;

/// <summary>docs/founding.md lists the committee sizes per kind; this keeps the table equal to the defaults the count uses.</summary>
public sealed class CommitteeSizesDocTests
{
    [Fact]
    public void TheFoundingDoc_ListsEveryKindsDefaultCommitteeSize()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "founding.md"));

        foreach (var (kind, size) in ElectionRules.DefaultCommitteeSizes)
            Assert.Contains($"| {kind.ChineseName()} | {Range(size.MinExecutiveMembers, size.MaxExecutiveMembers)} | {Range(size.MinViceChairs, size.MaxViceChairs)} |", doc,
                StringComparison.Ordinal);
    }

    private static string Range(int min, int max) => min == max ? $"{min}" : $"{min}–{max}";
}
