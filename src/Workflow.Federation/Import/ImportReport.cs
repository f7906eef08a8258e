using Workflow.Federation.Common;

namespace Workflow.Federation.Import;

/// <summary>
/// One bad cell or row: <see cref="Row"/> is the row number Excel shows (the heading is usually row 1),
/// <see cref="Column"/> the column letter (null when the column is absent from the file).
/// </summary>
public sealed record ImportProblem(int Row, string? Column, string Field, string Heading, string? Value, CodedMessage Reason);

/// <summary>A column whose heading names no ledger field; its cells are not read.</summary>
public sealed record IgnoredColumn(string Column, string Heading);

/// <summary>
/// What an import found and did. Nothing is written unless <see cref="Imported"/> is true: a refused file or a
/// single bad row leaves the ledger as it was (all-or-nothing).
/// </summary>
/// <param name="Format">"xlsx" or "csv".</param>
/// <param name="Encoding">For CSV, the encoding detected: "UTF-8 (BOM)", "UTF-8", "GB18030" or "UTF-16".</param>
/// <param name="Refusal">Why the whole file was refused (too large, unknown format, missing columns…); null when it was read.</param>
/// <param name="Created">Organizations new to the ledger (would be, in a dry run).</param>
/// <param name="Updated">Organizations already in the ledger, re-surveyed (would be, in a dry run).</param>
public sealed record ImportReport(
    string FileName,
    string? Format,
    string? Encoding,
    bool DryRun,
    bool Imported,
    int RowsRead,
    int Created,
    int Updated,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<IgnoredColumn> IgnoredColumns,
    CodedMessage? Refusal,
    TimeSpan Elapsed)
{
    public CodedMessage Summary => Refusal is not null
        ? new("import.refused", $"文件未导入：{Refusal.ZhCn}", $"the file was not imported: {Refusal.En}")
        : Problems.Count > 0
            ? new("import.bad-rows", $"共 {RowsRead} 行，{Problems.Select(p => p.Row).Distinct().Count()} 行有误，整个文件未导入，请改正后重新导入",
                $"{RowsRead} rows, {Problems.Select(p => p.Row).Distinct().Count()} with problems: nothing was imported; correct them and import again")
            : DryRun
                ? new("import.checked", $"共 {RowsRead} 行，检查无误：将新增 {Created} 家、更新 {Updated} 家", $"{RowsRead} rows, all correct: {Created} would be added, {Updated} updated")
                : new("import.done", $"已导入 {RowsRead} 行：新增 {Created} 家、更新 {Updated} 家", $"imported {RowsRead} rows: {Created} added, {Updated} updated");
}
