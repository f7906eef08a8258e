using Workflow.Server.Storage;

namespace Workflow.Server.Hosting;

/// <summary>
/// Verbs an operator runs instead of starting the service, as the first argument: <c>migrate</c> and <c>copy-to-postgresql</c>. They read
/// the service's configuration (appsettings.json, the environment, the command line) and exit with a code a script can test.
/// </summary>
internal static class Commands
{
    /// <summary>The verb's exit code, or null when the arguments start the service.</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return null;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[1..])
            .Build();
        return args[0] switch
        {
            MigrateCommand.Verb => await MigrateCommand.RunAsync(configuration, output, cancellationToken),
            CopyToPostgreSql.Verb => await CopyToPostgreSql.RunAsync(configuration, output, cancellationToken),
            _ => Unknown(args[0], output),
        };
    }

    private static int Unknown(string verb, TextWriter output)
    {
        output.WriteLine($"unknown command '{verb}': use {MigrateCommand.Verb} or {CopyToPostgreSql.Verb}, or options only to start the service");
        return CopyToPostgreSql.Refused;
    }
}
