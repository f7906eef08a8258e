using System.Runtime.InteropServices;

namespace Workflow.Server.Hosting;

/// <summary>The data folder or one of the database files refuses writes; the service does not start on it.</summary>
public sealed class DataFolderNotWritableException(string message) : Exception(message);

/// <summary>
/// Refuses to start on database files the kernel will not let us write, before SQLite opens them. In WAL mode SQLite maps
/// <c>workflow.db-shm</c> into memory and writes to it even to read; once that file is immutable (<c>chattr +i</c>) or its
/// file system read-only, such a write is answered with SIGBUS and the process dies without a word (docs/operations.md).
/// A start on such files stops here instead, naming the file, with a non-zero exit code, so a supervisor's restart succeeds
/// as soon as someone makes the files writable again.
/// </summary>
public static class DataFolderCheck
{
    /// <summary>The exit code of a start refused here (EX_IOERR of sysexits.h).</summary>
    public const int ExitCode = 74;

    private const int WriteAccess = 2;

    public static void EnsureWritable(ServerOptions server)
    {
        Directory.CreateDirectory(server.DataFolder);
        // SQLite creates -wal and -shm beside the database, so the folder must take new files too.
        Refuse(server.DataFolder, "folder");
        foreach (var file in new[] { server.DatabaseFile, server.DatabaseFile + "-wal", server.DatabaseFile + "-shm" }.Where(File.Exists))
            Refuse(file, "file");
    }

    /// <summary>
    /// Asks the kernel with access(2) rather than by opening the file: closing any descriptor of a file drops every POSIX lock
    /// this process holds on it, and another host in the same process (a test, a benchmark) may hold SQLite's locks.
    /// access(2) answers as the kernel would for a write: EPERM for an immutable file even to root, EROFS for a read-only mount.
    /// </summary>
    private static void Refuse(string path, string what)
    {
        if (OperatingSystem.IsWindows() || CanWrite(System.Text.Encoding.UTF8.GetBytes(path + '\0'), WriteAccess) == 0) return;
        var error = Marshal.GetLastPInvokeError();
        throw new DataFolderNotWritableException(
            $"The data {what} '{path}' cannot be written ({Marshal.GetPInvokeErrorMessage(error)}, errno {error}). " +
            "Make the data folder and workflow.db, workflow.db-wal and workflow.db-shm writable (lsattr / chattr -i, mount, permissions), then start again.");
    }

    // The path goes as NUL-terminated UTF-8 bytes, the kernel's own form.
    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int CanWrite(byte[] path, int mode);
}
