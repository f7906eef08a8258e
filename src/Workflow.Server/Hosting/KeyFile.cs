using System.Security.Cryptography;

namespace Workflow.Server.Hosting;

/// <summary>A secret kept as base64 in a file outside the database (never in the repository), generated on first start, mode 0600.</summary>
internal static class KeyFile
{
    public static byte[] ReadOrCreate(string file, int bytes)
    {
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var fresh = RandomNumberGenerator.GetBytes(bytes);
            // Written to a temporary name first so two nodes starting at once never read half a key.
            var temporary = file + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, Convert.ToBase64String(fresh));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(temporary);
            }
        }
        return Convert.FromBase64String(File.ReadAllText(file).Trim());
    }
}
