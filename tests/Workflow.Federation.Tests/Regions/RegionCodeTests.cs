using Workflow.Federation.Regions;

namespace Workflow.Federation.Tests.Regions;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("370000", RegionLevel.Province)]
    [InlineData("371500", RegionLevel.City)]
    [InlineData("370102", RegionLevel.District)]
    [InlineData("370102001", RegionLevel.Township)]
    [InlineData("370102001001", RegionLevel.Village)]
    public void Level_FollowsTheNumberOfDigits(string code, RegionLevel level) =>
        Assert.Equal(level, RegionCode.Parse(code).Level);

    [Fact]
    public void Parent_DropsOneLevel_UpToTheProvince()
    {
        var village = RegionCode.Parse("371502001001");
        Assert.Equal(["371502001001", "371502001", "371502", "371500", "370000"], village.SelfAndAncestors().Select(c => c.Value));
        Assert.Null(RegionCode.Parse("370000").Parent);
    }

    [Fact]
    public void ACityAndAProvince_ContainTheirCountiesAndTowns_ButNotTheirNeighbours()
    {
        var liaocheng = RegionCode.Parse("371500");
        var shandong = RegionCode.Parse("370000");
        Assert.True(liaocheng.Contains("371502001"));
        Assert.True(liaocheng.Contains(liaocheng));
        Assert.False(liaocheng.Contains("371600"));
        Assert.False(liaocheng.Contains("370102"));
        Assert.True(shandong.Contains("371502001001"));
        Assert.False(shandong.Contains("350583"));
        Assert.False(RegionCode.Parse("371502").Contains(liaocheng));
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
