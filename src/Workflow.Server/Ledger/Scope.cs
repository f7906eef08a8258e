using Workflow.Federation.Founding;
using Workflow.Federation.Regions;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Ledger;

/// <summary>Turns the caller and an optional requested region into the region a query may cover: theirs or one below it.</summary>
internal static class Scope
{
    public static RegionCode Of(Caller caller, string? requested)
    {
        var region = requested ?? caller.RegionCode;
        if (!RegionCode.TryParse(region, out var code, out var error))
            throw Refusal.Validation(("region", error.Text()));
        if (!caller.Covers(code.Value)) throw Refusal.Forbidden($"区域 {region} 不在您的辖区 {caller.RegionCode} 内（region {region} is outside your region {caller.RegionCode}）");
        return code;
    }

    public static void Check(Caller caller, string regionCode, string what, object id)
    {
        if (!caller.Covers(regionCode)) throw Refusal.NotFound(what, id);
    }

    public static Actor Actor(Caller caller) => new(caller.UserName, caller.RegionCode, caller.IsAdmin);
}
