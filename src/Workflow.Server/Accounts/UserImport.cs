using Workflow.Federation.Import;
using Workflow.Server.Hosting;

namespace Workflow.Server.Accounts;

/// <summary>One bad cell of a users file: the row as Excel numbers it, the column's heading, what it held and why it is refused.</summary>
public sealed record UserImportProblem(int Row, string Column, string? Value, string Reason);

/// <summary>
/// What a users file holds or did: on a dry run, or when any row is bad, nothing is created and <see cref="Problems"/> lists every
/// bad row; otherwise <see cref="Created"/> holds each new account with its one-time password, shown this once.
/// </summary>
public sealed record UserImportReport(bool DryRun, bool Imported, string Encoding, int RowsRead, IReadOnlyList<UserImportProblem> Problems, IReadOnlyList<UserWithPassword> Created);

/// <summary>
/// Users from a CSV (UTF-8 or GB18030, as Excel saves it) with a heading row: 用户名, 姓名, 角色, 审批人类别, 区域代码, 邮箱 — or their
/// English keys (userName, displayName, roles, approverKind, regionCode, email). Roles are separated by 、 ; or |, by key or by their
/// Chinese names. A file holds no passwords: each account gets a one-time password to change at first sign-in. All rows or none.
/// </summary>
public sealed class UserImport(UserDirectory users)
{
    public const int MaxRows = 5_000;

    private static readonly (string Key, string Heading)[] s_columns =
        [("userName", "用户名"), ("displayName", "姓名"), ("roles", "角色"), ("approverKind", "审批人类别"), ("regionCode", "区域代码"), ("email", "邮箱")];

    private static readonly Dictionary<string, string> s_roleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["妇联干部"] = Roles.Officer, ["审批人"] = Roles.Approver, ["主席"] = Roles.Chair, ["管理员"] = Roles.Admin, ["执委"] = Roles.Member,
    };

    private static readonly Dictionary<string, string> s_kindNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["党组织"] = ApproverKinds.PartyOrganization, ["上级妇联"] = ApproverKinds.SuperiorFederation, ["登记机关"] = ApproverKinds.Registrar,
    };

    public async Task<UserImportReport> RunAsync(Stream csv, bool dryRun, CancellationToken cancellationToken)
    {
        var (text, encoding) = await CsvUpload.ReadAsync(csv, "用户名,姓名,角色,审批人类别,区域代码,邮箱", cancellationToken);
        var rows = Read(text);
        var problems = new List<UserImportProblem>();
        var checks = await users.CheckManyAsync([.. rows.Select(r => r.User)], cancellationToken);
        for (var i = 0; i < rows.Count; i++)
            foreach (var (field, message) in checks[i])
                problems.Add(new UserImportProblem(rows[i].Line, Heading(field), ValueOf(rows[i].User, field), message));
        problems.Sort((a, b) => a.Row.CompareTo(b.Row));
        if (dryRun || problems.Count > 0) return new UserImportReport(dryRun, false, encoding, rows.Count, problems, []);
        var created = await users.CreateManyAsync([.. rows.Select(r => r.User)], cancellationToken);
        return new UserImportReport(false, true, encoding, rows.Count, [], created);
    }

    private static List<(int Line, NewUser User)> Read(string text)
    {
        var rows = new List<(int, NewUser)>();
        Dictionary<string, int>? columns = null;
        var line = 0;
        foreach (var cells in CsvText.Records(text))
        {
            line++;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (columns is null)
            {
                columns = Columns(cells);
                var missing = s_columns.Take(5).Where(c => !columns.ContainsKey(c.Key) && c.Key != "approverKind").Select(c => c.Heading).ToList();
                if (missing.Count > 0) throw Refusal.Validation(("file", $"the heading row lacks {string.Join("、", missing)} (缺少必填列)"));
                continue;
            }
            string Cell(string key) => columns.TryGetValue(key, out var index) && index < cells.Length ? cells[index]?.Trim() ?? "" : "";
            var roles = new List<string>();
            foreach (var role in Cell("roles").Split(['、', ';', '；', '|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                roles.Add(s_roleNames.GetValueOrDefault(role, role));
            var kind = Cell("approverKind") is { Length: > 0 } k ? s_kindNames.GetValueOrDefault(k, k) : null;
            rows.Add((line, new NewUser(Cell("userName"), Cell("displayName"), roles, kind, Cell("regionCode"), Cell("email") is { Length: > 0 } e ? e : null)));
            if (rows.Count > MaxRows) throw Refusal.Validation(("file", $"超过 {MaxRows} 行（more than {MaxRows} rows）"));
        }
        if (rows.Count == 0) throw Refusal.Validation(("file", "首行之下没有用户（no user rows under the heading row）"));
        return rows;
    }

    private static Dictionary<string, int> Columns(string?[] headings)
    {
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < headings.Length; i++)
        {
            var heading = headings[i]?.Trim() ?? "";
            var match = s_columns.FirstOrDefault(c => c.Heading == heading || string.Equals(c.Key, heading, StringComparison.OrdinalIgnoreCase));
            if (match.Key is not null) columns.TryAdd(match.Key, i);
        }
        return columns;
    }

    private static string Heading(string field) => s_columns.FirstOrDefault(c => c.Key == field).Heading ?? field;

    private static string? ValueOf(NewUser user, string field) => field switch
    {
        "userName" => user.UserName,
        "displayName" => user.DisplayName,
        "roles" => string.Join("、", user.Roles),
        "approverKind" => user.ApproverKind,
        "regionCode" => user.RegionCode,
        _ => null,
    };
}
