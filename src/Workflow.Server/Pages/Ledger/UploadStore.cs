namespace Workflow.Server.Pages.Ledger;

/// <summary>
/// Holds an uploaded ledger file between the wizard's steps (map, check, import), so the officer uploads it once and
/// the pages need no script. Each file sits in a folder of its own under the temp directory beside the user who sent
/// it; another user's token reads as none. Files older than a day are swept at the next upload.
/// </summary>
public sealed class UploadStore(TimeProvider clock)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wf-ledger-uploads");

    public async Task<Guid> SaveAsync(Stream file, string fileName, string userName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        Sweep();
        var token = Guid.CreateVersion7(clock.GetUtcNow());
        var folder = Directory.CreateDirectory(Path.Combine(_root, token.ToString("N"))).FullName;
        await File.WriteAllLinesAsync(Path.Combine(folder, "owner"), [userName, Path.GetFileName(fileName)], cancellationToken);
        await using var copy = File.Create(Path.Combine(folder, "file"));
        await file.CopyToAsync(copy, cancellationToken);
        return token;
    }

    /// <summary>The file and its name, or null when the token is unknown, expired or someone else's.</summary>
    public async Task<(Stream File, string FileName)?> OpenAsync(Guid token, string userName, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, token.ToString("N"));
        var owner = Path.Combine(folder, "owner");
        if (!File.Exists(owner)) return null;
        var lines = await File.ReadAllLinesAsync(owner, cancellationToken);
        if (lines.Length < 2 || lines[0] != userName) return null;
        return (File.OpenRead(Path.Combine(folder, "file")), lines[1]);
    }

    private void Sweep()
    {
        foreach (var folder in Directory.EnumerateDirectories(_root))
            if (clock.GetUtcNow() - Directory.GetCreationTimeUtc(folder) > KeepFor)
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
