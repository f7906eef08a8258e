using Workflow.Engine.Definitions;

namespace Workflow.Engine.Tests.Definitions;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P15D", 15 * 24 * 60)]
    [InlineData("PT2H", 120)]
    [InlineData("P2W", 14 * 24 * 60)]
    [InlineData("P1W2D", 9 * 24 * 60)]
    [InlineData("P1DT12H30M", (36 * 60) + 30)]
    [InlineData("P1Y", 365 * 24 * 60)]
    [InlineData("P1M", 30 * 24 * 60)]
    [InlineData("PT90S", 1.5)]
    [InlineData("PT0.5S", 0.5 / 60)]
    public void Duration_IsReadAsTheMinutesItStandsFor(string text, double minutes)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("15 days")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("-P1D")]
    [InlineData("P1.5D")]
    [InlineData(" P1D")]
    [InlineData("p1d")]
    [InlineData("P99999999999999999999D")]
    [InlineData("P9999999999Y")]
    public void TextThatIsNoDuration_IsRefused(string text) => Assert.False(IsoDuration.TryParse(text, out _));
}
