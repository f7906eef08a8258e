using Workflow.Persistence.Definitions;

namespace Workflow.Server.Engine;

/// <summary>
/// At start-up, before anything runs: every stored definition version must still load with this build's action handlers and
/// vocabulary. A version pinned by unfinished instances (or the latest, which new starts use) that no longer loads would make
/// each of them fail at its next step, long after the release that broke it; the start stops instead and names them, unless
/// <see cref="StartAnywayKey"/> says to go on. Broken versions nothing uses any more are only logged.
/// </summary>
internal sealed class StoredVersionsCheck(DefinitionStore definitions, IConfiguration configuration, ILogger<StoredVersionsCheck> logger)
{
    public const string StartAnywayKey = "Definitions:StartWithBrokenVersions";

    /// <exception cref="InvalidOperationException">A version in use no longer loads and the switch is off.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var broken = await definitions.FindBrokenVersionsAsync(cancellationToken);
        var inUse = broken.Where(b => b.UnfinishedInstances > 0 || b.IsLatest).ToList();
        foreach (var version in broken.Except(inUse))
            logger.LogWarning("Stored workflow {Version} can no longer run, but nothing uses it: {Errors}", Describe(version), string.Join("; ", version.Errors));
        if (inUse.Count == 0) return;
        var details = string.Join("\n", inUse.Select(v => $"  {Describe(v)}: {string.Join("; ", v.Errors)}"));
        if (configuration.GetValue<bool>(StartAnywayKey))
        {
            logger.LogError("Starting with workflow versions in use that can no longer run, as {Key} is true; their instances fail at their next step:\n{Versions}",
                StartAnywayKey, details);
            return;
        }
        throw new InvalidOperationException($"Workflow versions in use can no longer run:\n{details}\n"
            + $"Register what they need again (the action handler, the role), or set {StartAnywayKey}=true to start anyway and deal with their instances.");
    }

    private static string Describe(BrokenVersion version) =>
        $"'{version.DefinitionId}' v{version.Version} ({version.UnfinishedInstances} unfinished {(version.UnfinishedInstances == 1 ? "instance" : "instances")}"
        + (version.IsLatest ? ", the latest version" : "") + ")";
}
