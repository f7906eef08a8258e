using Workflow.Federation.Ledger;

namespace Workflow.Federation.Tests.Ledger;

public sealed class SectorTests
{
    [Fact]
    public void TheThreeNewFields_AreTheOnlySectors() =>
        Assert.Equal(["NewEconomic", "NewSocial", "NewEmployment"], Enum.GetNames<Sector>());
}
