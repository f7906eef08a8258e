using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Import;
using Workflow.Server.Accounts;
using Workflow.Server.Hosting;
using Workflow.Server.Problems;
using Workflow.Server.Storage;
using Workflow.Federation.Regions;

namespace Workflow.Server.Regions;

public sealed record RegionView(string Code, string Name, string? ParentCode, RegionLevel Level);

/// <summary>A region to add. Its parent is derived from the code and must exist; <paramref name="NewRoot"/> says the admin means to start a new tree top.</summary>
public sealed record NewRegion([Present] string Code, [Present, PersonOrPlaceName] string Name, bool NewRoot = false);

public sealed record RegionImportResult(int Created, int Renamed, int Unchanged, int Attached = 0);

/// <summary>
/// The region tree. A code's parent is derived from it (<see cref="RegionCode.ParentOf"/>): province → city → county or district
/// (6 digits each, GB/T 2260) → township or street (9) → village or community (12). A region whose parent is missing would start a
/// second, unrelated tree, so it is refused unless the admin asks for a new root; a root that gains its parent is attached to it.
/// </summary>
public sealed class RegionService(IDbContextFactory<ServiceDbContext> contexts)
{
    public const int MaxImportRows = 50_000;

    private static bool IsCode(string code) => code.All(char.IsAsciiDigit) && code.Length is 6 or 9 or 12;

    public async Task<IReadOnlyList<RegionView>> ListAsync(Caller caller, string? under, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Regions.AsNoTracking();
        query = caller.Reach(query, r => r.Code);
        if (under is not null) query = query.Within(r => r.Code, under);
        var rows = await query.OrderBy(r => r.Code).Select(r => new { r.Code, r.Name, r.ParentCode }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RegionView(r.Code, r.Name, r.ParentCode, RegionCode.LevelOf(r.Code)))];
    }

    /// <summary>The region's name, or null for a code no region has.</summary>
    public async Task<string?> NameOfAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Names of the given codes that have a region; codes without one are left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
    }

    /// <summary>The regions one level below <paramref name="code"/>, by code.</summary>
    public async Task<IReadOnlyList<RegionView>> ChildrenAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Regions.AsNoTracking().Where(r => r.ParentCode == code).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RegionView(r.Code, r.Name, code, RegionCode.LevelOf(r.Code)))];
    }

    public async Task<RegionView> CreateAsync(NewRegion region, CancellationToken cancellationToken)
    {
        await ImportAsync([(2, region.Code, region.Name)], refuseExisting: true, region.NewRoot, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Regions.AsNoTracking().SingleAsync(r => r.Code == region.Code, cancellationToken);
        return new RegionView(row.Code, row.Name, row.ParentCode, RegionCode.LevelOf(row.Code));
    }

    /// <summary>CSV with columns code,name (a header row is optional); UTF-8 or GB18030 as Excel writes it. All rows or none.</summary>
    public async Task<RegionImportResult> ImportCsvAsync(Stream csv, bool newRoot, CancellationToken cancellationToken)
    {
        var (text, _) = await CsvUpload.ReadAsync(csv, "code,name", cancellationToken);
        var rows = new List<(int Line, string Code, string Name)>();
        var lineNumber = 0;
        foreach (var cells in CsvText.Records(text))
        {
            lineNumber++;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            var code = cells[0]?.Trim() ?? "";
            if (lineNumber == 1 && !code.All(char.IsAsciiDigit)) continue;
            if (cells.Length < 2) throw Refusal.Validation(($"line {lineNumber}", "应为“代码,名称”两列（expected code,name）"));
            rows.Add((lineNumber, code, cells[1]?.Trim() ?? ""));
            if (rows.Count > MaxImportRows) throw Refusal.Validation(("file", $"超过 {MaxImportRows} 行（more than {MaxImportRows} rows）"));
        }
        if (rows.Count == 0) throw Refusal.Validation(("file", "没有找到“代码,名称”的行（no rows of code,name found）"));
        return await ImportAsync(rows, refuseExisting: false, newRoot, cancellationToken);
    }

    /// <summary>Why a region would start a second, unrelated tree (its parent is neither there nor coming), or null when it attaches.</summary>
    private static string? RootProblem(string code, string name, Dictionary<string, RegionRow> existing, HashSet<string> incoming) =>
        RegionCode.ParentOf(code) switch
        {
            null => $"“{name}”（{code}）是省级区域，没有上级，会成为一棵与现有区域无关的新树：如确要新建顶级区域，请注明 newRoot"
                + $"（'{code}' is a province: it would start a new root; ask for a new root to add it）",
            { } parent when !existing.ContainsKey(parent) && !incoming.Contains(parent) =>
                $"上级区域 {parent} 尚未建立，“{name}”（{code}）会成为一棵与现有区域无关的新树：请先添加上级区域，或注明 newRoot 新建顶级区域"
                + $"（parent region '{parent}' of '{code}' does not exist; add it first, or ask for a new root）",
            _ => null,
        };

    private async Task<RegionImportResult> ImportAsync(List<(int Line, string Code, string Name)> rows, bool refuseExisting, bool newRoot, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Regions.ToDictionaryAsync(r => r.Code, cancellationToken);
        var incoming = rows.Select(r => r.Code).ToHashSet();
        var errors = new List<(string, string)>();
        foreach (var (line, code, name) in rows)
        {
            var where = rows.Count == 1 ? "code" : $"line {line}";
            if (!IsCode(code))
                errors.Add((where, $"“{code}”不是 6 位（省、市、区县）、9 位（乡镇街道）或 12 位（村社区）的行政区划代码（'{code}' is not a 6, 9 or 12 digit administrative code）"));
            else if (!newRoot && RootProblem(code, name.Trim(), existing, incoming) is { } root) errors.Add((where, root));
            if (string.IsNullOrWhiteSpace(name) || name.Length > 100) errors.Add((rows.Count == 1 ? "name" : $"line {line}", "名称须为 1–100 个字符（a name of 1–100 characters）"));
            else if (NameCheck.Problem(rows.Count == 1 ? "name" : $"line {line}", name) is { } garbled) errors.Add((garbled.Field, $"'{name}': {garbled.Reason.Text()}"));
            if (refuseExisting && existing.ContainsKey(code)) throw Refusal.Conflict("region-exists", $"区域 {code} 已存在（region '{code}' exists）");
        }
        if (errors.Count > 0) throw Refusal.Validation([.. errors]);

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
            var parent = RegionCode.ParentOf(code);
            row = new RegionRow { Code = code, Name = name.Trim(), ParentCode = parent is not null && existing.ContainsKey(parent) ? parent : null,
                Level = (int)RegionCode.LevelOf(code) };
            existing[code] = row;
            db.Regions.Add(row);
            created++;
        }
        // A root whose parent has just been added (a city above the district the service started with) joins it.
        var attached = 0;
        foreach (var orphan in existing.Values.Where(r => r.ParentCode is null && RegionCode.ParentOf(r.Code) is { } p && existing.ContainsKey(p)))
        {
            orphan.ParentCode = RegionCode.ParentOf(orphan.Code);
            attached++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new RegionImportResult(created, renamed, unchanged, attached);
    }
}
