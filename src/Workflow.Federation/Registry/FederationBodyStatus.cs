using Workflow.Federation.Common;

namespace Workflow.Federation.Registry;

public enum FederationBodyStatus
{
    [Label("筹建中", "Preparing")]
    Preparing,
    [Label("已成立", "Founded")]
    Founded,
    [Label("已撤销", "Dissolved")]
    Dissolved,
}
