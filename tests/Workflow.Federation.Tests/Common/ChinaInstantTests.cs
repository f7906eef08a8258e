using Workflow.Federation.Common;

namespace Workflow.Federation.Tests.Common;

public sealed class ChinaInstantTests
{
    [Fact]
    public void MeetingAtHalfPastNineInChina_IsHalfPastOneUtc()
    {
        var meeting = ChinaInstant.At(new DateOnly(2026, 2, 10), new TimeOnly(9, 30));

        Assert.Equal(new DateTimeOffset(2026, 2, 10, 1, 30, 0, TimeSpan.Zero), meeting.Utc);
        Assert.Equal(TimeSpan.Zero, meeting.Utc.Offset);
    }

    [Fact]
    public void UtcEveningOnNewYearsEve_IsNewYearsDayInChina()
    {
        var instant = ChinaInstant.Of(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2027, 1, 1), instant.LocalDate);
        Assert.Equal(new TimeOnly(0, 30), instant.LocalTime);
    }

    [Fact]
    public void UtcEveningOnTheLastDayOfAQuarter_IsTheNextQuarterInChina() =>
        Assert.Equal(new DateOnly(2026, 4, 1), ChinaInstant.Of(new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.Zero)).LocalDate);

    [Fact]
    public void LeapDay_Converts() =>
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 1, 0, 0, TimeSpan.Zero), ChinaInstant.At(new DateOnly(2028, 2, 29), new TimeOnly(9, 0)).Utc);

    [Fact]
    public void InstantGivenInAnotherOffset_IsStoredInUtc()
    {
        var instant = ChinaInstant.Of(new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.FromHours(8)));

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 1, 30, 0, TimeSpan.Zero), instant.Utc);
        Assert.Equal(TimeSpan.Zero, instant.Utc.Offset);
        Assert.Equal(ChinaInstant.At(new DateOnly(2026, 5, 1), new TimeOnly(9, 30)), instant);
    }
}
