using System.Diagnostics;
using Workflow.Server.Hosting;

namespace Workflow.Server.Tests.Hosting;

/// <summary>
/// A start on data files the kernel will not let us write stops before SQLite maps them (SIGBUS otherwise, see
/// docs/operations.md). Immutable files (chattr +i) refuse even root; where the file system has no such flag, the
/// immutable case cannot be set up and those tests only check that the folder is left as found.
/// </summary>
public sealed class DataFolderCheckTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-server-tests", Guid.NewGuid().ToString("N"));

    public DataFolderCheckTests() => Directory.CreateDirectory(_folder);

    private string Shm => Path.Combine(_folder, "workflow.db-shm");

    private static bool Chattr(string flag, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (File.Exists(Shm)) Chattr("-i", Shm);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void AWritableFolder_Passes()
    {
        File.WriteAllBytes(Shm, new byte[32768]);

        DataFolderCheck.EnsureWritable(new ServerOptions(_folder, _folder));
    }

    [Fact]
    public void AnImmutableShmFile_IsRefused_NamingTheFile()
    {
        File.WriteAllBytes(Shm, new byte[32768]);
        if (!Chattr("+i", Shm)) return;

        var refused = Assert.Throws<DataFolderNotWritableException>(() => DataFolderCheck.EnsureWritable(new ServerOptions(_folder, _folder)));

        Assert.Contains(Shm, refused.Message);
        Assert.Contains("Operation not permitted", refused.Message);
    }
}
