namespace Workflow.Server.Accounts;

public static class Policies
{
    public const string Admin = "admin";
    public const string Officer = "officer";
    public const string Approver = "approver";
    public const string Chair = "chair";
}
