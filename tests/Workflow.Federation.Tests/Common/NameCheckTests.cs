using System.ComponentModel.DataAnnotations;
using Workflow.Federation.Common;

namespace Workflow.Federation.Tests.Common;

public sealed class NameCheckTests
{
    [Theory]
    [InlineData("𠮷野家")] // outside the BMP (U+20BB7): a surrogate pair
    [InlineData("王䶮")] // CJK extension A (U+4DAE)
    [InlineData("𠮷䶮石业有限公司")]
    [InlineData("堃喆𠮷")]
    [InlineData("龑")]
    public void RareCharactersOfGb18030_AreNames(string name)
    {
        Assert.Null(NameCheck.Problem("name", name));
        Assert.Equal(ValidationResult.Success, Validate(name));
    }

    [Theory]
    [InlineData("濟(jì)南市直播電商行業(yè)婦聯(lián)", "garbled.pinyin-annotation")]
    [InlineData("王??", "garbled.question-mark")]
    [InlineData("济南\uFFFD妇联", "garbled.replacement-character")]
    [InlineData("å¹¿ä¸œ", "garbled.utf8-as-latin1")]
    public void GarbledNames_AreRefusedNamingTheField(string name, string code)
    {
        var problem = NameCheck.Problem("leaders[0].name", name);
        Assert.Equal("leaders[0].name", problem?.Field);
        Assert.Equal(code, problem?.Reason.Code);
    }

    [Fact]
    public void Require_ListsEveryGarbledField()
    {
        var refused = Assert.Throws<FederationValidationException>(() => NameCheck.Require(("name", "王??"), ("location", "官桥镇"), ("organization", "济南\uFFFD")));
        Assert.Equal(["name", "organization"], refused.Problems.Select(p => p.Field));
    }

    [Fact]
    public void TheAttribute_RefusesGarbledText_NamingTheMember()
    {
        var result = Validate("濟(jì)南");
        Assert.NotEqual(ValidationResult.Success, result);
        Assert.Equal(["displayName"], result!.MemberNames);
    }

    [Fact]
    public void TheAttribute_LeavesAMissingValueToOtherChecks() => Assert.Equal(ValidationResult.Success, Validate(null));

    private static ValidationResult? Validate(string? value) =>
        new PersonOrPlaceNameAttribute().GetValidationResult(value, new ValidationContext(new object()) { MemberName = "displayName" });
}
