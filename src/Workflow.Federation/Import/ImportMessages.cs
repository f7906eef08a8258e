using Workflow.Federation.Common;
using Workflow.Federation.Ledger;

namespace Workflow.Federation.Import;

internal static class ImportMessages
{
    public static CodedMessage TooLarge(long limit) => new("import.file-too-large",
        $"文件过大，上限为 {Size(limit)}；请按乡镇（街道）分成几个文件导入",
        $"the file is larger than {Size(limit)}; split it, e.g. by township");

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";

    public static CodedMessage TooManyRows(int limit) => new("import.too-many-rows",
        $"数据超过 {limit:N0} 行，请按乡镇（街道）分成几个文件导入", $"more than {limit:N0} rows; split the file, e.g. by township");

    public static readonly CodedMessage Empty = new("import.empty", "文件是空的，没有找到表头", "the file is empty: no heading row found");

    public static readonly CodedMessage OldExcel = new("import.xls",
        "不支持旧版 .xls 文件，请在 Excel 中“另存为”.xlsx 或 CSV 后再导入", "old .xls files are not supported: save as .xlsx or CSV in Excel and import that");

    public static CodedMessage Unreadable(string detail) => new("import.unreadable",
        $"文件无法读取，可能已损坏（{detail}）", $"the file cannot be read and may be damaged ({detail})");

    public static CodedMessage MissingColumns(IEnumerable<LedgerField> fields) => new("import.missing-columns",
        $"缺少必填列：{string.Join("、", fields.Select(f => f.ZhCn))}（请使用导出的台账模板）",
        $"required columns are missing: {string.Join(", ", fields.Select(f => f.En))} (use the exported ledger as a template)");

    public static CodedMessage DuplicateColumn(LedgerField field, string first, string second) => new("import.duplicate-column",
        $"“{field.ZhCn}”列出现了两次（{first} 列和 {second} 列）", $"the column '{field.En}' appears twice (columns {first} and {second})");

    public static CodedMessage CampaignClosed(string name) => new("campaign.closed",
        $"摸排批次“{name}”已结束，不能再导入", $"the survey campaign '{name}' is closed");

    public static CodedMessage Required(LedgerField field) => OrganizationRules.Missing(field).Reason;

    public static CodedMessage NotANumber(LedgerField field, string text) => new("value.not-a-number",
        $"“{field.ZhCn}”应为整数，实际为“{text}”", $"'{field.En}' must be a whole number, not '{text}'");

    public static CodedMessage UnknownValue<T>(LedgerField field, string text) where T : struct, Enum => new("value.unknown",
        $"“{field.ZhCn}”无法识别“{text}”，可选：{Labels.AllZhCn<T>()}", $"'{field.En}' does not know '{text}'; one of: {Labels.AllEn<T>()}");

    public static CodedMessage NotYesNo(LedgerField field, string text) => new("value.not-yes-no",
        $"“{field.ZhCn}”应填“是”或“否”，实际为“{text}”", $"'{field.En}' must be yes or no, not '{text}'");

    public static readonly CodedMessage CreditCodeAsNumber = new("credit-code.stored-as-number",
        "统一社会信用代码被 Excel 存成了数字，后几位已经丢失；请把该列设为“文本”格式后重新填写",
        "Excel stored the credit code as a number and lost its last digits; format the column as text and enter the codes again");

    public static CodedMessage DuplicateInFile(int firstRow) => new("import.duplicate-row",
        $"与第 {firstRow} 行是同一单位（统一社会信用代码或名称与区域相同）", $"the same organization as row {firstRow} (same credit code, or same name and region)");

    public static CodedMessage RegisteredElsewhere(string regionCode) => new("import.registered-elsewhere",
        $"该单位已在区域 {regionCode} 登记，不在本次摸排批次范围内", $"the organization is in the ledger under region {regionCode}, outside this campaign");

    public static CodedMessage UnknownRegionName(string name) => new("region.unknown-name",
        $"本次摸排范围内没有名为“{name}”的区域，请填写区域代码或区域全称", $"no region named '{name}' within this campaign; enter its code or full name");

    public static CodedMessage AmbiguousRegionName(string name, IEnumerable<string> codes) => new("region.ambiguous-name",
        $"本次摸排范围内有多个区域名为“{name}”（{string.Join("、", codes)}），请填写区域代码", $"several regions within this campaign are named '{name}' ({string.Join(", ", codes)}); enter the code");

    public static CodedMessage UnknownMappedField(string key) => new("import.mapping-unknown-field",
        $"列对应关系中的字段“{key}”不存在", $"the column mapping names a field '{key}' the ledger does not have");

    public static CodedMessage MappedColumnMissing(LedgerField field, string heading) => new("import.mapping-column-missing",
        $"“{field.ZhCn}”对应的列“{heading}”在文件中不存在", $"the column '{heading}' mapped to '{field.En}' is not in the file");

    public static CodedMessage ColumnMappedTwice(string heading) => new("import.mapping-column-twice",
        $"列“{heading}”被对应到了两个字段", $"the column '{heading}' is mapped to two fields");
}
