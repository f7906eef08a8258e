using Workflow.Engine;
using Workflow.Persistence.Stores;

namespace Workflow.Federation.Storage;

/// <summary>A federation context in the running transition's unit of work, for the workflow's action handlers and writes that start an instance.</summary>
public static class TransitionDatabase
{
    public static FederationDbContext Open(IActionUnitOfWork unitOfWork) => unitOfWork.Open<FederationDbContext>(options => new(options));
}
