namespace Workflow.Federation.Storage;

/// <summary>
/// A count of the writes to the federation's tables made in this process, for caches of figures that are costly to read (coverage):
/// a cached answer taken at an older count is stale. Bumped by every <c>SaveChanges</c> of a federation context (the writer's and
/// the transitions' alike), by the importer's prepared rows and again after the writer's commit, so a read racing a commit cannot
/// keep what it read before the commit as current. Other nodes' writes are not counted here: caches also age out.
/// </summary>
public static class FederationChanges
{
    private static long s_count;

    public static long Count => Interlocked.Read(ref s_count);

    public static void Note() => Interlocked.Increment(ref s_count);
}
