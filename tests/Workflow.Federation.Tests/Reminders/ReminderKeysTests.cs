using Workflow.Federation.Reminders;

namespace Workflow.Federation.Tests.Reminders;

public sealed class ReminderKeysTests
{
    private static readonly Guid s_body = Guid.Parse("0b1a2c3d-0000-4000-8000-000000000001");
    private static readonly Guid s_user = Guid.Parse("0b1a2c3d-0000-4000-8000-0000000000aa");

    [Fact]
    public void ARotationKey_NamesTheBodyThePeriodTheMomentAndThePerson() =>
        Assert.Equal("rotation:0b1a2c3d000040008000000000000001:3:ahead:0b1a2c3d0000400080000000000000aa",
            ReminderKeys.Rotation(s_body, 3, ReminderKeys.Ahead, s_user));

    [Fact]
    public void KeysOfOtherSubjects_FollowTheSameShape()
    {
        Assert.Equal("duty-group:0b1a2c3d000040008000000000000001:0:first-day", ReminderKeys.DutyGroup(s_body, 0, ReminderKeys.FirstDay));
        Assert.Equal("joint-meeting:0b1a2c3d000040008000000000000001:2027q1:7d", ReminderKeys.JointMeeting(s_body, 2027, 1, 7));
        Assert.Equal("meeting-record:0b1a2c3d000040008000000000000001:2027q4:escalate:1", ReminderKeys.MeetingRecord(s_body, 2027, 4, escalation: true, 1));
        Assert.Equal("re-election:0b1a2c3d000040008000000000000001:20310301:6m", ReminderKeys.ReElection(s_body, new DateOnly(2031, 3, 1), 6));
        Assert.Equal("engine:0b1a2c3d0000400080000000000000aa", ReminderKeys.Engine(s_user));
    }

    [Fact]
    public void APrefix_CoversEveryKeyOfItsSubject_AndNoOtherSubjects()
    {
        var prefix = ReminderKeys.Prefix("rotation", s_body);
        Assert.StartsWith(prefix, ReminderKeys.Rotation(s_body, 12, ReminderKeys.FirstDay, s_user), StringComparison.Ordinal);
        Assert.StartsWith(prefix, ReminderKeys.RotationPeriod(s_body, 12), StringComparison.Ordinal);
        Assert.False(ReminderKeys.DutyGroup(s_body, 1, ReminderKeys.Ahead).StartsWith(prefix, StringComparison.Ordinal));
        Assert.False(ReminderKeys.Rotation(s_user, 1, ReminderKeys.Ahead, s_user).StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownMomentOrANegativeIndex_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ReminderKeys.Rotation(s_body, 0, "later", s_user));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReminderKeys.DutyGroup(s_body, -1, ReminderKeys.Ahead));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReminderKeys.JointMeeting(s_body, 2027, 5, 1));
    }

    [Theory]
    [InlineData("", "a key is required")]
    [InlineData("rotation::1", "a key's segments (between colons) are not empty")]
    [InlineData("rotation: 1", "a key has no spaces or control characters")]
    public void ACallerMadeKey_IsCheckedForShape(string key, string problem) => Assert.Equal(problem, ReminderKeys.Problem(key));

    [Fact]
    public void AKeyOverTheLimit_IsRefused() => Assert.NotNull(ReminderKeys.Problem(new string('k', ReminderKeys.MaxLength + 1)));
}
