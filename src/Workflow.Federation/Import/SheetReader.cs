using System.Globalization;
using MiniExcelLibs;
using Workflow.Federation.Common;

namespace Workflow.Federation.Import;

/// <summary>One row of a sheet: its number as Excel shows it and its cells from column A on (string, double, DateTime or bool).</summary>
internal readonly record struct SheetRow(int Number, object?[] Cells)
{
    public bool IsBlank => Cells.All(c => c is null || c is string s && string.IsNullOrWhiteSpace(s));
}

internal sealed record Sheet(string Format, string? Encoding, IEnumerable<SheetRow> Rows);

/// <summary>Reads the first sheet of an .xlsx (MiniExcel) or a CSV file, recognised by content, not only by name.</summary>
internal static class SheetReader
{
    public static Sheet? Open(byte[] bytes, int length, out CodedMessage? refusal)
    {
        refusal = null;
        var content = bytes.AsSpan(0, length);
        if (content.StartsWith("PK\x03\x04"u8)) return new Sheet("xlsx", null, ReadXlsx(bytes, length));
        if (content.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            refusal = ImportMessages.OldExcel;
            return null;
        }
        // Anything that is neither a zip (.xlsx) nor an OLE file (.xls) is text, whatever its name says: a CSV saved as
        // "ledger.xlsx" or "ledger.txt" is still read.
        var (text, encoding) = CsvText.Decode(content);
        return new Sheet("csv", encoding, ReadCsv(text));
    }

    // Shared strings stay in memory: the file is already in memory and size-limited, and MiniExcel's disk cache for
    // large string tables costs more time than it saves.
    private static readonly MiniExcelLibs.OpenXml.OpenXmlConfiguration XlsxConfiguration = new() { EnableSharedStringCache = false };

    private static IEnumerable<SheetRow> ReadXlsx(byte[] bytes, int length)
    {
        using var stream = new MemoryStream(bytes, 0, length, writable: false);
        var number = 0;
        // Without a heading row MiniExcel keys cells by column letter and yields every row from row 1,
        // blank ones included, so the count is the row number Excel shows.
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX, configuration: XlsxConfiguration))
            yield return new SheetRow(++number, [.. row.Values]);
    }

    private static IEnumerable<SheetRow> ReadCsv(string text)
    {
        var number = 0;
        foreach (var record in CsvText.Records(text)) yield return new SheetRow(++number, record);
    }

    /// <summary>"A", "B", … "Z", "AA": the column's letter as Excel shows it.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    /// <summary>A cell as text: whole numbers without a decimal point or exponent, dates as yyyy-MM-dd.</summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => TextNormalizer.Clean(s),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        _ => TextNormalizer.Clean(Convert.ToString(cell, CultureInfo.InvariantCulture)),
    };
}
