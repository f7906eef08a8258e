using System.Globalization;
using Workflow.Federation.Common;
using Workflow.Federation.Ledger;

namespace Workflow.Federation.Import;

/// <summary>A data row read into facts, or the problems that kept it from being read.</summary>
internal sealed record ReadRow(int Number, OrganizationFacts Facts, List<ImportProblem> Problems);

/// <summary>Maps a heading row to ledger fields and reads each data row through <see cref="OrganizationRules"/>.</summary>
internal sealed class RowReader
{
    private readonly Dictionary<LedgerField, int> _columns;
    private readonly Dictionary<LedgerField, string> _headings;
    private readonly RegionNames _regions;

    private RowReader(Dictionary<LedgerField, int> columns, Dictionary<LedgerField, string> headings, List<IgnoredColumn> ignored, RegionNames regions)
    {
        _columns = columns;
        _headings = headings;
        _regions = regions;
        Ignored = ignored;
    }

    public List<IgnoredColumn> Ignored { get; }

    /// <summary>The heading row's texts by column (null for an empty heading).</summary>
    public static string?[] Headings(SheetRow heading) => [.. heading.Cells.Select(SheetReader.Text)];

    /// <summary>The officer's mapping first; every other column by the field its heading names.</summary>
    public static RowReader? FromHeading(SheetRow heading, ColumnMapping? mapping, RegionNames regions, out CodedMessage? refusal)
    {
        refusal = null;
        var texts = Headings(heading);
        var columns = new Dictionary<LedgerField, int>();
        var headings = new Dictionary<LedgerField, string>();
        var chosen = new HashSet<LedgerField>();
        var claimed = new HashSet<int>();
        foreach (var (key, wanted) in (mapping ?? ColumnMapping.None).Headings)
        {
            var field = LedgerFields.ForKey(key);
            if (field is null)
            {
                refusal = ImportMessages.UnknownMappedField(key);
                return null;
            }
            chosen.Add(field);
            if (string.IsNullOrWhiteSpace(wanted)) continue;
            var at = Array.FindIndex(texts, t => t is not null && TextNormalizer.Key(t) == TextNormalizer.Key(wanted));
            if (at < 0) refusal = ImportMessages.MappedColumnMissing(field, wanted);
            else if (!claimed.Add(at)) refusal = ImportMessages.ColumnMappedTwice(texts[at]!);
            if (refusal is not null) return null;
            columns[field] = at;
            headings[field] = texts[at]!;
        }
        var ignored = new List<IgnoredColumn>();
        for (var i = 0; i < texts.Length; i++)
        {
            var text = texts[i];
            if (text is null || claimed.Contains(i)) continue;
            var field = LedgerFields.ForHeading(text);
            if (field is null || chosen.Contains(field))
            {
                ignored.Add(new IgnoredColumn(SheetReader.ColumnLetter(i), text));
                continue;
            }
            if (columns.TryGetValue(field, out var first))
            {
                refusal = ImportMessages.DuplicateColumn(field, SheetReader.ColumnLetter(first), SheetReader.ColumnLetter(i));
                return null;
            }
            columns[field] = i;
            headings[field] = text;
        }
        var missing = LedgerFields.All.Where(f => f.Required && !columns.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            refusal = ImportMessages.MissingColumns(missing);
            return null;
        }
        return new RowReader(columns, headings, ignored, regions);
    }

    public ReadRow Read(SheetRow row)
    {
        var problems = new List<ImportProblem>();
        var cells = new CellReader(this, row, problems);
        var raw = new OrganizationFacts(
            Name: cells.Text(LedgerFields.Name) ?? "",
            CreditCode: cells.CreditCode(),
            Sector: cells.Choice<Sector>(LedgerFields.Sector),
            Kind: cells.Choice<OrganizationKind>(LedgerFields.Kind),
            RegionCode: cells.Region(),
            Industry: cells.Text(LedgerFields.Industry),
            Address: cells.Text(LedgerFields.Address),
            StaffCount: cells.Count(LedgerFields.StaffCount),
            WomenCount: cells.Count(LedgerFields.WomenCount),
            PartyOrganization: cells.Choice<PartyOrganizationStatus>(LedgerFields.PartyOrganization),
            PartyOrganizationName: cells.Text(LedgerFields.PartyOrganizationName),
            OperatingStatus: _columns.ContainsKey(LedgerFields.OperatingStatus) ? cells.Choice<OperatingStatus>(LedgerFields.OperatingStatus) : OperatingStatus.Operating,
            OwnerGroup: cells.Text(LedgerFields.OwnerGroup),
            Site: cells.Text(LedgerFields.Site),
            IsWomensOrganization: cells.YesNo(LedgerFields.IsWomensOrganization));

        // A cell that could not be read already has its problem; the rules speak only of the others, and a
        // comparison such as "women ≤ staff" only when both counts were read.
        var unreadable = problems.Select(p => p.Field).ToHashSet(StringComparer.Ordinal);
        var ruleProblems = OrganizationRules.Check(raw, out var facts);
        foreach (var problem in ruleProblems)
        {
            var other = problem.Reason.Code switch
            {
                OrganizationRules.WomenAboveStaff => LedgerFields.StaffCount,
                OrganizationRules.CreditCodeRequired => LedgerFields.Kind,
                OrganizationRules.PartyNameRequired or OrganizationRules.PartyNameWithoutOrganization => LedgerFields.PartyOrganization,
                _ => null,
            };
            if (unreadable.Contains(problem.Field) || other is not null && unreadable.Contains(other.Key)) continue;
            // A yes/no party column (是否建立党组织) comes without a name column: the name is asked for only where the file has room for it.
            if (problem.Reason.Code == OrganizationRules.PartyNameRequired && !_columns.ContainsKey(LedgerFields.PartyOrganizationName)) continue;
            problems.Add(Problem(row, problem.Field, problem.Reason));
        }
        return new ReadRow(row.Number, facts, problems);
    }

    public ImportProblem Problem(SheetRow row, string fieldKey, CodedMessage reason)
    {
        var field = LedgerFields.ForKey(fieldKey) ?? LedgerFields.Name;
        var value = _columns.TryGetValue(field, out var at) && at < row.Cells.Length ? SheetReader.Text(row.Cells[at]) : null;
        return Problem(row.Number, field, value, reason);
    }

    public ImportProblem Problem(int rowNumber, LedgerField field, string? value, CodedMessage reason) =>
        new(rowNumber, _columns.TryGetValue(field, out var column) ? SheetReader.ColumnLetter(column) : null, field.Key,
            _headings.GetValueOrDefault(field, field.ZhCn), value, reason);

    private readonly ref struct CellReader(RowReader reader, SheetRow row, List<ImportProblem> problems)
    {
        public object? Cell(LedgerField field) =>
            reader._columns.TryGetValue(field, out var i) && i < row.Cells.Length ? row.Cells[i] : null;

        public string? Text(LedgerField field) => SheetReader.Text(Cell(field));

        public string? CreditCode()
        {
            var cell = Cell(LedgerFields.CreditCode);
            if (cell is not double) return SheetReader.Text(cell);
            problems.Add(reader.Problem(row, LedgerFields.CreditCode.Key, ImportMessages.CreditCodeAsNumber));
            return null;
        }

        public string Region()
        {
            var text = Text(LedgerFields.RegionCode);
            if (text is null) return "";
            var code = reader._regions.Resolve(text, out var problem);
            if (problem is not null) problems.Add(reader.Problem(row, LedgerFields.RegionCode.Key, problem));
            return code ?? "";
        }

        public int Count(LedgerField field)
        {
            var cell = Cell(field);
            if (cell is double d && d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue) return (int)d;
            var text = TextNormalizer.Narrow(SheetReader.Text(cell));
            if (text is null)
            {
                problems.Add(reader.Problem(row, field.Key, ImportMessages.Required(field)));
                return 0;
            }
            if (int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)) return value;
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number)
                && number is >= int.MinValue and <= int.MaxValue)
                return (int)number;
            problems.Add(reader.Problem(row, field.Key, ImportMessages.NotANumber(field, text)));
            return 0;
        }

        public T Choice<T>(LedgerField field) where T : struct, Enum
        {
            var text = Text(field);
            if (Labels.TryParse<T>(text, out var value)) return value;
            problems.Add(reader.Problem(row, field.Key, text is null ? ImportMessages.Required(field) : ImportMessages.UnknownValue<T>(field, text)));
            return default;
        }

        public bool YesNo(LedgerField field)
        {
            var text = Text(field);
            switch (TextNormalizer.Key(text))
            {
                case "" or "否" or "no" or "n" or "false" or "0" or "×" or "x":
                    return false;
                case "是" or "yes" or "y" or "true" or "1" or "√" or "✓":
                    return true;
                default:
                    problems.Add(reader.Problem(row, field.Key, ImportMessages.NotYesNo(field, text!)));
                    return false;
            }
        }
    }
}
