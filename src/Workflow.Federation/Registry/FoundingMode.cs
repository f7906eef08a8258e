using Workflow.Federation.Common;

namespace Workflow.Federation.Registry;

/// <summary>组建方式 (seed 004: 在有条件单独建妇联的基础上，探索联建、带建、托建).</summary>
public enum FoundingMode
{
    [Label("单独建", "Standalone", "单建", "独建")]
    Standalone,
    /// <summary>Several units found one body: neighbouring bases, or the business lines of one owner.</summary>
    [Label("联建", "Joint", "联合建")]
    Joint,
    /// <summary>A leading enterprise's federation helps a smaller unit found its body.</summary>
    [Label("带建", "Led")]
    Led,
    /// <summary>Hosted on a platform or association as a women's micro-home, for units with few women.</summary>
    [Label("托建", "Hosted")]
    Hosted,
}
