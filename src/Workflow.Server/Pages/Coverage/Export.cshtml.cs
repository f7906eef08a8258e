using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Common;
using Workflow.Federation.Export;
using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Coverage;

/// <summary>The coverage table of the page as .xlsx: the same region, year, rows and columns, the same officers and the same scope.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class ExportModel(CoverageTable table, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (CoverageTable.Resolve(caller, Region) is not { } region) return StatusCode(CoverageTable.RefusalStatus(Region));
        var year = Math.Clamp(Year ?? ChinaInstant.Of(clock.GetUtcNow()).LocalDate.Year, 2000, 2100);
        var view = await table.LoadAsync(caller, region, year, cancellationToken);
        var output = new MemoryStream();
        await CoverageExporter.ExportAsync(output, CoverageTable.Sheet(view), year, CultureInfo.CurrentUICulture, cancellationToken);
        output.Position = 0;
        return File(output, XlsxTable.ContentType, string.Create(CultureInfo.InvariantCulture, $"coverage-{region.Value}-{year}.xlsx"));
    }
}
