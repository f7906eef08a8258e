using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Import;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;
using Workflow.Server.Storage;
using Workflow.Federation.Regions;

namespace Workflow.Server.Regions;

public sealed record RegionView(string Code, string Name, string? ParentCode, int Level);

public sealed record NewRegion([Present] string Code, [Present, PersonOrPlaceName] string Name);

public sealed record RegionImportResult(int Created, int Renamed, int Unchanged);

/// <summary>The region tree. A code's parent is its prefix: 6 digits (district) → 9 (township/street) → 12 (village/community).</summary>
public sealed class RegionService(IDbContextFactory<ServiceDbContext> contexts)
{
    public const int MaxImportRows = 50_000;

    public static int? LevelOf(string code) => code.All(char.IsAsciiDigit) ? code.Length switch { 6 => 1, 9 => 2, 12 => 3, _ => null } : null;

    public static string? ParentOf(string code) => code.Length switch { 9 => code[..6], 12 => code[..9], _ => null };

    public async Task<IReadOnlyList<RegionView>> ListAsync(Caller caller, string? under, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Regions.AsNoTracking();
        query = caller.Reach(query, r => r.Code);
        if (under is not null) query = query.Within(r => r.Code, under);
        return await query.OrderBy(r => r.Code).Select(r => new RegionView(r.Code, r.Name, r.ParentCode, r.Level)).ToListAsync(cancellationToken);
    }

    /// <summary>The region's name, or null for a code no region has.</summary>
    public async Task<string?> NameOfAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<RegionView> CreateAsync(NewRegion region, CancellationToken cancellationToken)
    {
        await ImportAsync([(2, region.Code, region.Name)], refuseExisting: true, cancellationToken);
        return new RegionView(region.Code, region.Name.Trim(), ParentOf(region.Code), LevelOf(region.Code)!.Value);
    }

    /// <summary>CSV with columns code,name (a header row is optional); UTF-8 or GB18030 as Excel writes it. All rows or none.</summary>
    public async Task<RegionImportResult> ImportCsvAsync(Stream csv, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await csv.CopyToAsync(buffer, cancellationToken);
        // Told apart by content, like the ledger import: a zip is an .xlsx workbook, anything else is read as CSV text.
        if (buffer.Length == 0) throw ProblemException.Validation(("file", "attach a CSV file (code,name)"));
        if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).StartsWith("PK\x03\x04"u8))
            throw ProblemException.Validation(("file", "an .xlsx workbook: save it as CSV (code,name) in Excel and import that"));
        var (text, _) = CsvText.Decode(buffer.ToArray());
        var rows = new List<(int Line, string Code, string Name)>();
        var lineNumber = 0;
        foreach (var cells in CsvText.Records(text))
        {
            lineNumber++;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            var code = cells[0]?.Trim() ?? "";
            if (lineNumber == 1 && !code.All(char.IsAsciiDigit)) continue;
            if (cells.Length < 2) throw ProblemException.Validation(($"line {lineNumber}", "expected code,name"));
            rows.Add((lineNumber, code, cells[1]?.Trim() ?? ""));
            if (rows.Count > MaxImportRows) throw ProblemException.Validation(("file", $"more than {MaxImportRows} rows"));
        }
        if (rows.Count == 0) throw ProblemException.Validation(("file", "no rows of code,name found"));
        return await ImportAsync(rows, refuseExisting: false, cancellationToken);
    }

    private async Task<RegionImportResult> ImportAsync(List<(int Line, string Code, string Name)> rows, bool refuseExisting, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Regions.ToDictionaryAsync(r => r.Code, cancellationToken);
        var incoming = rows.Select(r => r.Code).ToHashSet();
        var errors = new List<(string, string)>();
        foreach (var (line, code, name) in rows)
        {
            var where = rows.Count == 1 ? "code" : $"line {line}";
            if (LevelOf(code) is null) errors.Add((where, $"'{code}' is not a 6, 9 or 12 digit administrative code"));
            else if (ParentOf(code) is { } parent && !existing.ContainsKey(parent) && !incoming.Contains(parent))
                errors.Add((where, $"parent region '{parent}' of '{code}' does not exist"));
            if (string.IsNullOrWhiteSpace(name) || name.Length > 100) errors.Add((rows.Count == 1 ? "name" : $"line {line}", "a name of 1–100 characters"));
            else if (NameCheck.Problem(rows.Count == 1 ? "name" : $"line {line}", name) is { } garbled) errors.Add((garbled.Field, $"'{name}': {garbled.Reason.Text()}"));
            if (refuseExisting && existing.ContainsKey(code)) throw ProblemException.Conflict("region-exists", $"region '{code}' exists");
        }
        if (errors.Count > 0) throw ProblemException.Validation([.. errors]);

        int created = 0, renamed = 0, unchanged = 0;
        foreach (var (_, code, name) in rows.OrderBy(r => r.Code.Length))
        {
            if (existing.TryGetValue(code, out var row))
            {
                if (row.Name == name.Trim()) unchanged++;
                else
                {
                    row.Name = name.Trim();
                    renamed++;
                }
                continue;
            }
            row = new RegionRow { Code = code, Name = name.Trim(), ParentCode = ParentOf(code), Level = LevelOf(code)!.Value };
            existing[code] = row;
            db.Regions.Add(row);
            created++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new RegionImportResult(created, renamed, unchanged);
    }
}
