using System.Text;

namespace EntraMesh.EntraEmulator.State;

/// <summary>
/// The emulator's state folder: generated certificate and key, token-signing key, generated client secrets, the
/// manifest and (when persistence is on) the tenant journal. Private files are written owner-only (0600); the folder itself 0700.
/// </summary>
public sealed class StateDirectory
{
    public StateDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            System.IO.Directory.CreateDirectory(Path);
            System.IO.Directory.CreateDirectory(SecretsPath);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                File.SetUnixFileMode(SecretsPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Emulator:StateDirectory '{Path}' cannot be created or written: {error.Message}", error);
        }
    }

    public string Path { get; }

    public string SecretsPath => System.IO.Path.Combine(Path, "secrets");

    public string CertificatePemPath => System.IO.Path.Combine(Path, "emulator-cert.pem");

    public string CertificateKeyPath => System.IO.Path.Combine(Path, "emulator-key.pem");

    public string SigningKeyPath => System.IO.Path.Combine(Path, "token-signing-key.pem");

    public string ManifestPath => System.IO.Path.Combine(Path, "emulator.json");

    /// <summary>The tenant journal (<c>Emulator:Persistence:Enabled</c>): directory, provisioning logs and staged uploads.</summary>
    public string JournalPath => System.IO.Path.Combine(Path, "tenant-journal.jsonl");

    public string SecretPath(string clientId) => System.IO.Path.Combine(SecretsPath, clientId + ".secret");

    /// <summary>Writes a file readable by its owner only, replacing it atomically.</summary>
    public static void WritePrivate(string path, string content) => Write(path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    /// <summary>Writes a file anyone may read (public certificate, manifest), replacing it atomically.</summary>
    public static void WritePublic(string path, string content) =>
        Write(path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

    static void Write(string path, string content, UnixFileMode mode)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        System.IO.Directory.CreateDirectory(folder);
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content));
        }

        File.Move(temporary, path, overwrite: true);
    }
}
