using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Rosters;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Export;

/// <summary>
/// Writes the ledger and the two rosters to .xlsx. The ledger's columns are the import's, headed in Chinese by
/// default, so an exported ledger is also the template for the next survey and imports again unchanged (an empty
/// region exports the headings alone).
/// </summary>
public sealed class LedgerExporter(FederationWriter writer)
{
    public const string ContentType = XlsxTable.ContentType;

    /// <summary>Every organization the query matches (its paging is ignored), ordered by region and name.</summary>
    public async Task ExportLedgerAsync(Stream output, LedgerQuery query, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var rows = db.Organizations.AsNoTracking().Within(o => o.RegionCode, query.Within);
        if (query.Sector is { } sector) rows = rows.Where(o => o.Sector == sector);
        if (query.Kind is { } kind) rows = rows.Where(o => o.Kind == kind);
        var organizations = await rows.OrderBy(o => o.RegionCode).ThenBy(o => o.Name).ToListAsync(cancellationToken);

        using var table = new DataTable(Heading(culture, "台账", "Ledger"));
        foreach (var field in LedgerFields.All)
            table.Columns.Add(field.Heading(culture), field.Number is null ? typeof(string) : typeof(int));
        foreach (var organization in organizations)
        {
            var facts = organization.ToFacts();
            table.Rows.Add([.. LedgerFields.All.Select(f => f.Cell(facts, culture))]);
        }
        await SaveAsync(output, table, cancellationToken);
    }

    /// <summary>The women roster (妇女名册) or the exemplar roster (先进典型名册) of a region, with each person's organization.</summary>
    public async Task ExportRosterAsync(Stream output, Roster roster, RegionCode within, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var entries = await RosterService.Filter(db, new RosterQuery(roster, within))
            .Select(x => new { x.Entry, x.Organization.Name, x.Organization.CreditCode, x.Organization.RegionCode })
            .ToListAsync(cancellationToken);
        var exemplars = roster == Roster.Exemplars;
        using var table = new DataTable(Labels.Of(roster, culture));
        table.Columns.Add(Heading(culture, "姓名", "Name"));
        table.Columns.Add(Heading(culture, "所在单位", "Organization"));
        table.Columns.Add(Heading(culture, "统一社会信用代码", "Credit code"));
        table.Columns.Add(Heading(culture, "所在区域代码", "Region code"));
        table.Columns.Add(Heading(culture, "职务", "Role"));
        table.Columns.Add(Heading(culture, "联系电话", "Phone"));
        if (exemplars)
        {
            table.Columns.Add(Heading(culture, "荣誉", "Honour"));
            table.Columns.Add(Heading(culture, "年度", "Year"), typeof(int));
        }
        table.Columns.Add(Heading(culture, "备注", "Note"));
        foreach (var x in entries)
        {
            object?[] person = [x.Entry.Name, x.Name, x.CreditCode, x.RegionCode, x.Entry.Role, x.Entry.Phone];
            table.Rows.Add(exemplars ? [.. person, x.Entry.Honour, x.Entry.Year, x.Entry.Note] : [.. person, x.Entry.Note]);
        }
        await SaveAsync(output, table, cancellationToken);
    }

    private static string Heading(CultureInfo? culture, string zh, string en) => culture?.TwoLetterISOLanguageName == "en" ? en : zh;

    private static Task SaveAsync(Stream output, DataTable table, CancellationToken cancellationToken) => XlsxTable.SaveAsync(output, table, cancellationToken);
}
