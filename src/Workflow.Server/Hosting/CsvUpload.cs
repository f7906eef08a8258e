using Workflow.Federation.Import;

namespace Workflow.Server.Hosting;

/// <summary>An uploaded CSV read as text, the way the region and user imports take it: UTF-8 or GB18030, an .xlsx refused in words.</summary>
public static class CsvUpload
{
    /// <param name="columns">What the file should hold, for the refusals (e.g. "code,name").</param>
    public static async Task<(string Text, string Encoding)> ReadAsync(Stream csv, string columns, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await csv.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0) throw Refusal.Validation(("file", $"请附上 CSV 文件，列为 {columns}（attach a CSV file: {columns}）"));
        // Told apart by content, like the ledger import: a zip is an .xlsx workbook, anything else is read as CSV text.
        if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).StartsWith("PK\x03\x04"u8))
            throw Refusal.Validation(("file", $"这是 .xlsx 工作簿：请在 Excel 中另存为 CSV（列为 {columns}）后再导入（an .xlsx workbook: save it as CSV, {columns}, and import that）"));
        return CsvText.Decode(buffer.ToArray());
    }
}
