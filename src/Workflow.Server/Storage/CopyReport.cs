using System.Globalization;
using Workflow.Persistence.Storage.Copy;

namespace Workflow.Server.Storage;

/// <summary>The copy's report: a line per table, the broken journal chains, where the journal key must go, and one line of figures.</summary>
internal static class CopyReport
{
    private const int ListedChains = 20;

    /// <summary>Writes the report; true when every count matches and every chain verifies.</summary>
    public static bool Write(TextWriter output, IReadOnlyList<TableCount> counts, IReadOnlyList<CopiedJournal> journals, string keyFrom)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"context",-11}{"table",-28}{"sqlite",10}{"postgresql",12}"));
        foreach (var c in counts)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Context,-11}{c.Table,-28}{c.Source,10}{c.Target,12}  {(c.Matches ? "ok" : "MISMATCH")}"));

        var broken = journals.Where(j => !j.Copy.Valid).ToList();
        output.WriteLine($"journals: {journals.Count} instances, {journals.Count - broken.Count} chains verify on PostgreSQL, {broken.Count} do not; journal key: {keyFrom}");
        foreach (var j in broken.Take(ListedChains))
        {
            var origin = j.Source is { Valid: false } ? "already so in the SQLite source" : "the SQLite source verifies: the copy changed it";
            output.WriteLine($"  instance {j.Copy.InstanceId}, row {j.Copy.FirstBadSequence}: {j.Copy.Reason} ({origin})");
        }
        if (broken.Count > ListedChains) output.WriteLine($"  … and {broken.Count - ListedChains} more");
        if (keyFrom != "Journal:Key")
            output.WriteLine("Give every PostgreSQL node this journal key: set Journal:Key to the text of that file (it is base64), from a secret store.");

        var mismatched = counts.Count(c => !c.Matches);
        var ok = mismatched == 0 && broken.Count == 0;
        output.WriteLine(ok ? "The copy matches its source." : "The copy does NOT match its source: do not use it.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tables={counts.Count} rows={counts.Sum(c => c.Target)} mismatched_tables={mismatched} instances={journals.Count} broken_chains={broken.Count}"));
        return ok;
    }
}
