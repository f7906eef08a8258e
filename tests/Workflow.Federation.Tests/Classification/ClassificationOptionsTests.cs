using Workflow.Federation.Classification;
using Workflow.Federation.Ledger;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Classification;

public sealed class ClassificationOptionsTests
{
    private static DictionaryConfiguration Configuration(Dictionary<string, string?> values) =>
        new DictionaryConfiguration(new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void WithoutTheSection_TheSeedDefaultsApply()
    {
        var options = ClassificationOptions.From(Configuration([]));
        Assert.Equal((50, 10, 1), (options.KeyUnitWomenAbove, options.StandaloneMinimumWomen, options.EligibleMinimumWomen));
    }

    [Fact]
    public void TheSection_OverridesTheValuesItNames()
    {
        var options = ClassificationOptions.From(Configuration(new()
        {
            ["Federation:Classification:KeyUnitWomenAbove"] = "30",
            ["Federation:Classification:KeyUnitKinds:0"] = "Enterprise",
        }));
        Assert.Equal(30, options.KeyUnitWomenAbove);
        Assert.Equal([OrganizationKind.Enterprise], options.KeyUnitKinds);
        Assert.Equal(10, options.StandaloneMinimumWomen);
    }

    [Fact]
    public void AWrongValue_StopsStartUpNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ClassificationOptions.From(Configuration(new() { ["Federation:Classification:StandaloneMinimumWomen"] = "ten" })));
        Assert.Contains("Federation:Classification:StandaloneMinimumWomen", error.Message, StringComparison.Ordinal);
    }
}
