using System.Data;
using MiniExcelLibs;

namespace Workflow.Federation.Export;

/// <summary>One table as one .xlsx sheet, packaged so that readers other than Excel open it (<see cref="XlsxPackage"/>).</summary>
public static class XlsxTable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Written to memory first: the package is rewritten for other readers (XlsxPackage), which needs a seekable stream.
    public static async Task SaveAsync(Stream output, DataTable table, CancellationToken cancellationToken)
    {
        using var package = new MemoryStream();
        await package.SaveAsAsync(table, sheetName: table.TableName, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        XlsxPackage.Normalize(package);
        await package.CopyToAsync(output, cancellationToken);
    }
}
