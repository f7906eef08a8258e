using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;

namespace Workflow.Server.Pages.Admin;

/// <summary>What the admin pages share: a refusal of a service shown beside its form, with the status the API would answer.</summary>
public static class AdminForms
{
    /// <summary>Runs <paramref name="action"/>; a refusal fills <paramref name="errors"/> and sets the response status; anything else surfaces.</summary>
    public static async Task<bool> TryAsync(PageModel page, Dictionary<string, string> errors, Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception failure) when (ProblemMapping.Map(failure)?.Status is { } status)
        {
            foreach (var (field, reason) in Refusals.Fields(failure)) errors[field] = reason;
            page.Response.StatusCode = status;
            return false;
        }
    }
}
