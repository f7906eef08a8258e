using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;
using Workflow.Server.Storage;

namespace Workflow.Server.Regions;

public sealed record RegionView(string Code, string Name, string? ParentCode, int Level);

public sealed record NewRegion(string Code, string Name);

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
        if (!caller.IsAdmin) query = query.Where(r => r.Code.StartsWith(caller.RegionCode));
        if (under is not null) query = query.Where(r => r.Code.StartsWith(under));
        return await query.OrderBy(r => r.Code).Select(r => new RegionView(r.Code, r.Name, r.ParentCode, r.Level)).ToListAsync(cancellationToken);
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
        var text = TextDecoding.Decode(buffer.ToArray());
        var rows = new List<(int Line, string Code, string Name)>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var trimmed = line.Trim('\r', ' ', '\uFEFF');
            if (trimmed.Length == 0) continue;
            var cells = trimmed.Split(',');
            if (lineNumber == 1 && !cells[0].Trim('"').All(char.IsAsciiDigit)) continue;
            if (cells.Length < 2) throw ProblemException.Validation(($"line {lineNumber}", "expected code,name"));
            rows.Add((lineNumber, cells[0].Trim().Trim('"'), cells[1].Trim().Trim('"')));
            if (rows.Count > MaxImportRows) throw ProblemException.Validation(("file", $"more than {MaxImportRows} rows"));
        }
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
            else if (TextDecoding.LooksGarbled(name)) errors.Add((rows.Count == 1 ? "name" : $"line {line}", $"'{name}' looks garbled (wrong encoding?)"));
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

/// <summary>Chinese files come as UTF-8 or as GB18030/GBK from Excel on Windows; decide by whether the bytes are valid UTF-8.</summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes)
    {
        try
        {
            return s_strictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>
    /// Replacement characters, C1 controls, private-use characters, and the Latin-1 pairs left when UTF-8 bytes are read as
    /// Windows-1252 (e.g. "æ°´å¤´é•‡" for 水头镇).
    /// </summary>
    public static bool LooksGarbled(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\uFFFD' || c is >= '\u0080' and <= '\u009F' || c is >= '\uE000' and <= '\uF8FF') return true;
            if (c is >= '\u00C2' and <= '\u00F4' && i + 1 < text.Length && IsContinuationLookalike(text[i + 1])) return true;
        }
        return s_pinyinAnnotation.IsMatch(text);
    }

    /// <summary>Text copied from pages that annotate characters with pinyin, as in seed 000's "濟(jì)南".</summary>
    private static readonly System.Text.RegularExpressions.Regex s_pinyinAnnotation =
        new(@"[\u4E00-\u9FFF]\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static bool IsContinuationLookalike(char c) => c is >= '\u0080' and <= '\u00BF' || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".Contains(c);
}
