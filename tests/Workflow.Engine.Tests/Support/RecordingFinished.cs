using Workflow.Engine.Execution;
using Workflow.Persistence.Instances;

namespace Workflow.Engine.Tests.Support;

/// <summary>Records every instance end it hears of, with the status the instance had when it heard (committed or not); fails on request.</summary>
public sealed class RecordingFinished(InstanceQueries instances) : IInstanceFinishedObserver
{
    public List<(InstanceFinished Finished, InstanceStatus StatusRead)> Heard { get; } = [];

    public bool Fail { get; set; }

    public async Task OnFinishedAsync(InstanceFinished finished, CancellationToken cancellationToken)
    {
        Heard.Add((finished, (await instances.GetAsync(finished.InstanceId, cancellationToken)).Status));
        if (Fail) throw new InvalidOperationException("observer failed");
    }
}
