using Workflow.Federation.Regions;

namespace Workflow.Federation.Tests.Regions;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("370102", RegionLevel.District)]
    [InlineData("370102001", RegionLevel.Township)]
    [InlineData("370102001001", RegionLevel.Village)]
    public void Level_FollowsTheNumberOfDigits(string code, RegionLevel level) =>
        Assert.Equal(level, RegionCode.Parse(code).Level);

    [Fact]
    public void Parent_DropsOneLevel_UpToTheDistrict()
    {
        var village = RegionCode.Parse("370102001001");
        Assert.Equal("370102001", village.Parent!.Value);
        Assert.Equal("370102", village.Parent.Parent!.Value);
        Assert.Null(village.Parent.Parent.Parent);
    }

    [Fact]
    public void Contains_IsTrueForItselfAndEverythingBelow_AndFalseForANeighbour()
    {
        var district = RegionCode.Parse("370102");
        Assert.True(district.Contains(district));
        Assert.True(district.Contains(RegionCode.Parse("370102001001")));
        Assert.False(district.Contains(RegionCode.Parse("370103001")));
        Assert.False(RegionCode.Parse("370102001").Contains(district));
    }

    [Theory]
    [InlineData("37010", "region.length")]
    [InlineData("3701020011", "region.length")]
    [InlineData("37010A", "region.not-digits")]
    [InlineData("  ", "region.empty")]
    [InlineData(null, "region.empty")]
    public void TryParse_RefusesWithAReason(string? text, string code)
    {
        Assert.False(RegionCode.TryParse(text, out _, out var error));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void TryParse_AcceptsFullWidthDigitsAndSpaces() =>
        Assert.Equal("370102", RegionCode.Parse(" ３７０１０２ ").Value);

    [Fact]
    public void Equality_IsByValue() => Assert.Equal(RegionCode.Parse("370102"), RegionCode.Parse("370102"));
}
