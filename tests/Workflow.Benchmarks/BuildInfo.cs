namespace Workflow.Benchmarks;

internal static class BuildInfo
{
#if DEBUG
    public static bool IsDebug => true;
#else
    public static bool IsDebug => false;
#endif
}
