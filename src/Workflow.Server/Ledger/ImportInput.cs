using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Import;
using Workflow.Federation.Regions;
using Workflow.Server.Problems;
using Workflow.Server.Storage;

namespace Workflow.Server.Ledger;

/// <summary>What the API and the import pages hand the importer besides the file: the mapping and the region tree's names.</summary>
public sealed class ImportInput(IDbContextFactory<ServiceDbContext> contexts)
{
    /// <summary>The regions within the campaign's region, so a region column may hold names (霞美镇) as well as codes.</summary>
    public async Task<ImportSettings> SettingsAsync(string campaignRegion, ColumnMapping? mapping, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var regions = await db.Regions.AsNoTracking().Within(r => r.Code, campaignRegion)
            .Select(r => new RegionName(r.Code, r.Name)).ToListAsync(cancellationToken);
        return new ImportSettings(mapping, regions);
    }

    /// <summary>A mapping sent as a JSON object of field key → heading (<c>{"regionCode":"所属区域"}</c>); null when none was sent.</summary>
    public static ColumnMapping? ParseMapping(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var headings = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            return headings is null ? null : new ColumnMapping(headings);
        }
        catch (JsonException)
        {
            throw Refusal.Validation(("mapping", "the column mapping must be a JSON object of field key → heading, e.g. {\"regionCode\":\"所属区域\"}"));
        }
    }
}
