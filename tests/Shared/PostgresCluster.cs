using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Workflow.Tests.Databases;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: <c>initdb</c> into a temporary folder, as a non-root user (the Debian package's
/// <c>postgres</c> account when the tests run as root), listening only on a unix socket in that folder, with the server's default
/// durability (fsync on). One cluster per test process (<see cref="Shared"/>), a fresh database per test host
/// (<see cref="CreateDatabaseAsync"/>); it is stopped (<c>pg_ctl stop -m immediate</c>) and deleted when the process exits.
/// There is no skipping: without PostgreSQL the tests fail and say how to install it (tests/run.sh does).
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private static readonly Lazy<PostgresCluster> s_shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string _bin;
    private readonly string? _runAs;
    private int _databases;
    private bool _stopped;

    private PostgresCluster(string folder, string bin, string? runAs, int port)
    {
        Folder = folder;
        _bin = bin;
        _runAs = runAs;
        Port = port;
    }

    /// <summary>The cluster of this test process, started on first use.</summary>
    public static PostgresCluster Shared => s_shared.Value;

    /// <summary>A cluster of the caller's own, for a test that stops its server (<see cref="Dispose"/>) while a service uses it.</summary>
    public static PostgresCluster StartOwn() => Start();

    public string Folder { get; }

    public int Port { get; }

    private string Data => Path.Combine(Folder, "data");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.CommandTimeout = 300; // it copies and syncs the template database: slow on a busy disk
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Folder, Port = Port, Username = "postgres", Database = database, Pooling = true, MaxPoolSize = 20 }.ToString();

    public void Dispose()
    {
        if (_stopped) return;
        _stopped = true;
        Run("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        Delete(Folder);
    }

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The next run sweeps it (SweepStale).
        }
    }

    /// <summary>
    /// Clusters of earlier runs left behind: no server runs in them any more, and they are an hour old (so as not to take the
    /// folder of another test process that is still in initdb).
    /// </summary>
    /// <param name="ours">This run's new folder: its time is the file system's "now".</param>
    private static void SweepStale(string ours)
    {
        var now = Directory.GetLastWriteTimeUtc(ours);
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "wf-pg-*"))
            if (folder != ours && !File.Exists(Path.Combine(folder, "data", "postmaster.pid")) && Directory.GetLastWriteTimeUtc(folder) < now.AddHours(-1))
                Delete(folder);
    }

    private static PostgresCluster Start()
    {
        var bin = FindBin();
        // initdb and postgres refuse to run as root.
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var folder = Path.Combine(Path.GetTempPath(), $"wf-pg-{Guid.NewGuid():N}"[..16]);
        Directory.CreateDirectory(folder);
        SweepStale(folder);
        var cluster = new PostgresCluster(folder, bin, runAs, FreePort());
        if (runAs is not null) Exec("chown", runAs, folder);
        cluster.Run("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        cluster.Run("pg_ctl", "-D", cluster.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
            $"-p {cluster.Port.ToString(CultureInfo.InvariantCulture)} -k {folder} -c listen_addresses='' -c max_connections=300", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        cluster.WatchOver(Environment.ProcessId);
        return cluster;
    }

    /// <summary>
    /// A test host that is killed, or that exits without running its exit handlers, would leave the server running, and a
    /// running server holds whatever waits for the run's processes (CI, the faketime wrapper). A small watcher outlives the test
    /// process by at most a second and stops the server then.
    /// </summary>
    private void WatchOver(int processId)
    {
        var stop = _runAs is null
            ? $"'{Path.Combine(_bin, "pg_ctl")}' -D '{Data}' -m immediate stop"
            : $"runuser -u {_runAs} -- '{Path.Combine(_bin, "pg_ctl")}' -D '{Data}' -m immediate stop";
        var script = $"while kill -0 {processId.ToString(CultureInfo.InvariantCulture)} 2>/dev/null; do sleep 1; done; " +
            $"[ -f '{Data}/postmaster.pid' ] && {stop} >/dev/null 2>&1; rm -rf '{Folder}'";
        var start = new ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
        };
        Process.Start(start)?.Dispose();
    }

    private static string FindBin()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), CultureInfo.InvariantCulture, out var v) ? v : 0).FirstOrDefault()
            : null;
        if (debian is not null) return debian;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        return onPath ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH): run tests/run.sh as root, or apt-get install postgresql");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        if (_runAs is null) Exec(path, arguments);
        else Exec("runuser", ["-u", _runAs, "--", path, .. arguments]);
    }

    private static void Exec(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}\n{error.Result}");
    }
}
