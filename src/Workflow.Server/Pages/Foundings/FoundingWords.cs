using Workflow.Federation.Common;
using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;
using Workflow.Federation.Registry;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Foundings;

/// <summary>How the founding pages word a request's status, kind and mode in the person's language.</summary>
public static class FoundingWords
{
    public static string Status(string status) => status switch
    {
        "open" => Text.StatusOpen,
        "founded" => Text.StatusFounded,
        "rejected" => Text.StatusRejected,
        "withdrawn" => Text.StatusWithdrawn,
        "cancelled" => Text.StatusCancelled,
        "draft" => Text.StatusDraft,
        _ => status,
    };

    public static string Kind(FederationKind kind) => Phrase.IsEnglish ? kind.EnglishName() : kind.ChineseName();

    public static string Mode(FoundingMode mode) => Labels.Of(mode, System.Globalization.CultureInfo.CurrentUICulture);

    public static string Stage(ElectionStage stage) => stage == ElectionStage.Congress ? Text.StageCongress : Text.StageExecutive;

    public static string Election(ElectionStatus status) => status switch
    {
        ElectionStatus.Valid => Text.ElectionValid,
        ElectionStatus.Undecided => Text.ElectionUndecided,
        _ => Text.ElectionFailed,
    };
}
