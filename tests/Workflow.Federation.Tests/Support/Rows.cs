using Workflow.Federation.Ledger;

namespace Workflow.Federation.Tests.Support;

public static class Rows
{
    public static OrganizationRow Of(OrganizationFacts facts, Guid? id = null)
    {
        var row = new OrganizationRow { Id = id ?? Guid.NewGuid(), CreatedAt = FederationHost.Start, CreatedBy = "test" };
        row.Assign(facts);
        return row;
    }
}
