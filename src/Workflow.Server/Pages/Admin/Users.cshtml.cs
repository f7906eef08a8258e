using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Accounts;
using Workflow.Server.Ledger;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Admin;

/// <summary>The fields of the form that creates a user; the password is always a one-time one, changed at first sign-in.</summary>
public sealed class UserForm
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? ApproverKind { get; set; }
    public string? RegionCode { get; set; }
    public string? Email { get; set; }
}

/// <summary>
/// 用户: the list (search, a screen at a time), a user created, a password reset, an account deactivated or reactivated — each
/// change after a confirmation — and users imported from a CSV, checked first. Every step calls the services the admin API calls.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(UserDirectory users, UserImport import, UploadStore uploads) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Active { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    /// <summary>The change awaiting confirmation (reset, deactivate, reactivate) and its user, from the row's link.</summary>
    [BindProperty(SupportsGet = true)] public string? Confirm { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public UserForm Form { get; set; } = new();

    public UserSlice List { get; private set; } = new([], null, 0);
    public UserView? Confirming { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>A change done, said once on this response (a one-time password never travels in a cookie).</summary>
    public string? Done { get; private set; }
    public bool ShowsPassword { get; private set; }
    public UserImportReport? Report { get; private set; }
    public Guid? UploadToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Confirm is "reset" or "deactivate" or "reactivate" && Id is { } id
            && !await AdminForms.TryAsync(this, Errors, async () => Confirming = await users.GetAsync(id, cancellationToken)))
            return NotFound();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        UserWithPassword? created = null;
        var request = new NewUser(Form.UserName?.Trim() ?? "", Form.DisplayName?.Trim() ?? "", Form.Roles, string.IsNullOrWhiteSpace(Form.ApproverKind) ? null : Form.ApproverKind,
            Form.RegionCode?.Trim() ?? "", string.IsNullOrWhiteSpace(Form.Email) ? null : Form.Email.Trim());
        if (await AdminForms.TryAsync(this, Errors, async () => created = await users.CreateAsync(request, cancellationToken)))
        {
            Done = Text.UserCreated.Format(created!.User.UserName, created.OneTimePassword);
            ShowsPassword = true;
            Form = new();
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken cancellationToken)
    {
        UserWithPassword? reset = null;
        if (await AdminForms.TryAsync(this, Errors, async () => reset = await users.ResetPasswordAsync(id, cancellationToken)))
        {
            Done = Text.PasswordReset.Format(reset!.User.UserName, reset.OneTimePassword);
            ShowsPassword = true;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        // The last way in for an admin is her own account: deactivating it would shut her out mid-task.
        if (!active && id == Caller.From(User).Id)
        {
            Errors[""] = Text.NotYourself;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            UserView? changed = null;
            if (await AdminForms.TryAsync(this, Errors, async () => changed = await users.UpdateAsync(id, new UserChange(null, null, null, null, null, null, active), cancellationToken)))
                Done = (active ? Text.Reactivated : Text.Deactivated).Format(changed!.UserName);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The dry run: every bad row listed and nothing created; a clean file waits in the upload store for the import.</summary>
    public async Task<IActionResult> OnPostCheckAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (file is null || file.Length == 0)
        {
            Errors["file"] = Text.ImportPickFile;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Guid token;
        await using (var stream = file.OpenReadStream()) token = await uploads.SaveAsync(stream, file.FileName, Caller.From(User).UserName, cancellationToken);
        await RunImportAsync(token, dryRun: true, cancellationToken);
        if (Report is { Problems.Count: 0 }) UploadToken = token;
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid token, CancellationToken cancellationToken)
    {
        await RunImportAsync(token, dryRun: false, cancellationToken);
        if (Report is { Imported: true } report)
        {
            Done = Text.UsersImported.Format(report.Created.Count);
            ShowsPassword = true;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task RunImportAsync(Guid token, bool dryRun, CancellationToken cancellationToken)
    {
        var upload = await uploads.OpenAsync(token, Caller.From(User).UserName, cancellationToken);
        if (upload is null)
        {
            Errors["file"] = Text.ImportPickFile;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await using var file = upload.Value.File;
        await AdminForms.TryAsync(this, Errors, async () => Report = await import.RunAsync(file, dryRun, cancellationToken));
        if (Report is { Problems.Count: > 0 }) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
    }

    /// <summary>The list as the API serves it; a filter or cursor it refuses shows its reason above the list, which then starts afresh.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var filter = new UserFilter(Search, string.IsNullOrWhiteSpace(Role) ? null : Role, Region, Active);
        if (!await AdminForms.TryAsync(this, Errors, async () => List = await users.SliceAsync(Caller.From(User), filter, After, PageSize, cancellationToken)))
            List = await users.SliceAsync(Caller.From(User), new UserFilter(), null, PageSize, cancellationToken);
    }

    /// <summary>This list's filters with another cursor (null: the first screen).</summary>
    public string Link(string? after) => "/admin/users" + QueryString.Create(Filters(after)).ToUriComponent();

    public string ConfirmLink(string change, Guid id) =>
        "/admin/users" + QueryString.Create(Filters(After).Concat([new("confirm", change), new("id", id.ToString())])).ToUriComponent() + "#confirm";

    private IEnumerable<KeyValuePair<string, string?>> Filters(string? after) =>
        new KeyValuePair<string, string?>[] { new("q", Search), new("role", Role), new("region", Region), new("active", Active?.ToString().ToLowerInvariant()), new("after", after) }
            .Where(p => !string.IsNullOrEmpty(p.Value));

    public static string Roles(UserView user) => string.Join(Text.ListSeparator, user.Roles.Select(r => Person.RoleName(r, user.ApproverKind)));
}
