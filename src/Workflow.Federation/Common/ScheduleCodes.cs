namespace Workflow.Federation.Common;

/// <summary>The stable codes of schedule explanations.</summary>
public static class ScheduleCodes
{
    public const string PresidiumEmpty = "schedule.presidium-empty";
    public const string PresidiumListsSomeoneTwice = "schedule.presidium-lists-someone-twice";
    public const string StartNotBeforeTermEnd = "schedule.start-not-before-term-end";
    public const string StartBeforeFounding = "schedule.start-before-founding";
    public const string ReasonRequired = "schedule.reason-required";
    public const string PeriodNotFound = "schedule.period-not-found";
    public const string PeriodAlreadyStarted = "schedule.period-already-started";
    public const string SwapChangesNothing = "schedule.swap-changes-nothing";
    public const string NobodyToTakeOver = "schedule.nobody-to-take-over";
    public const string NoFuturePeriods = "schedule.no-future-periods";

    public const string NobodyToSplit = "schedule.nobody-to-split";
    public const string ExecutiveListedTwice = "schedule.executive-listed-twice";
    public const string DutyGroupSettingsInvalid = "schedule.duty-group-settings-invalid";
    public const string DutyGroupsCannotBeMet = "schedule.duty-groups-cannot-be-met";

    public const string DurationInvalid = "schedule.duration-invalid";
}
