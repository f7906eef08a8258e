using Workflow.Federation.Ledger;

namespace Workflow.Federation.Tests.Ledger;

public sealed class CreditCodeTests
{
    // Published codes of real organizations, found in public material (company registries, invoices, supplier lists).
    [Theory]
    [InlineData("914403001922038216", "华为技术有限公司")]
    [InlineData("9144030071526726XG", "腾讯科技（深圳）有限公司")]
    [InlineData("91440300708461136T", "深圳市腾讯计算机系统有限公司")]
    [InlineData("91110108551385082Q", "小米科技有限责任公司")]
    [InlineData("91330100799655058B", "阿里巴巴（中国）有限公司")]
    [InlineData("91370100568119776D", "和远智能科技股份有限公司（济南）")]
    [InlineData("51100000500009247D", "中国复合材料工业协会（社会团体）")]
    [InlineData("51100000500012681T", "中国医疗保健国际交流促进会（社会团体）")]
    public void RealPublishedCodes_AreValid(string text, string holder)
    {
        Assert.True(CreditCode.TryParse(text, out var code, out var error), $"{holder}: {error}");
        Assert.Equal(text, code.Value);
    }

    [Fact]
    public void Parts_AreReadFromTheirPositions()
    {
        var code = CreditCode.Parse("914403001922038216");
        Assert.Equal('9', code.RegistrationAuthority);
        Assert.Equal('1', code.OrganizationType);
        Assert.Equal("440300", code.RegistrationRegion);
        Assert.Equal("19220382", code.BodyIdentifier[..8]);
        Assert.Equal('6', code.CheckCharacter);
    }

    [Theory]
    [InlineData("914403001922038217", '6')]
    [InlineData("51100000500000024G", 'M')] // printed as 中华全国工商业联合会's code in public sample data; its check character is wrong
    [InlineData("9133010057462616XH", '9')]
    public void AWrongCheckCharacter_IsRefusedWithTheExpectedOne(string text, char expected)
    {
        Assert.False(CreditCode.TryParse(text, out _, out var error));
        Assert.Equal("credit-code.check-character", error.Code);
        Assert.Contains($"校验位应为 {expected}", error.ZhCn, StringComparison.Ordinal);
        Assert.Contains($"should be {expected}", error.En, StringComparison.Ordinal);
    }

    [Fact]
    public void LowerCase_IsNormalizedToUpperCase() =>
        Assert.Equal("9144030071526726XG", CreditCode.Parse("9144030071526726xg").Value);

    [Fact]
    public void FullWidthCharacters_AreNormalized() =>
        Assert.Equal("9144030071526726XG", CreditCode.Parse("９１４４０３００７１５２６７２６ＸＧ").Value);

    [Fact]
    public void SurroundingSpaces_AreTrimmed_IncludingTheIdeographicSpace() =>
        Assert.Equal("914403001922038216", CreditCode.Parse("\u3000914403001922038216 ").Value);

    [Theory]
    [InlineData("91440300192203821", "credit-code.length")]
    [InlineData("9144030019220382166", "credit-code.length")]
    [InlineData("9144 03001922038216", "credit-code.whitespace")]
    [InlineData("91440300192203821O", "credit-code.character")]
    [InlineData("91440300I92203821G", "credit-code.character")]
    [InlineData("914403001922038２1中", "credit-code.character")]
    [InlineData("9A4403001922038216", "credit-code.type")]
    [InlineData("94440300192203821G", "credit-code.type")]
    [InlineData("9144A3001922038216", "credit-code.region")]
    [InlineData("", "credit-code.empty")]
    public void MalformedCodes_AreRefusedWithTheirReason(string text, string reason)
    {
        Assert.False(CreditCode.TryParse(text, out _, out var error));
        Assert.Equal(reason, error.Code);
    }

    [Fact]
    public void ARefusal_NamesThePositionOfTheBadCharacter()
    {
        Assert.False(CreditCode.TryParse("91440300192203821O", out _, out var error));
        Assert.Contains("第 18 位", error.ZhCn, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCheckCharacter_CanBeZero()
    {
        // Σ ≡ 0 (mod 31) gives 31 - 0 = 31, which the standard writes as 0.
        Assert.True(CreditCode.TryParse("913701007521810510", out _, out var error), error?.ToString());
    }
}
