namespace Workflow.Server.Problems;

/// <summary>Documents in OpenAPI the problem responses an endpoint can give, beside the ones every API group gives.</summary>
public static class ProblemResponses
{
    public static RouteGroupBuilder WithCommonProblems(this RouteGroupBuilder group) =>
        group.ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(413);

    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.ProducesProblem(status);
        return builder;
    }
}
