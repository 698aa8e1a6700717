using System.Security.Cryptography;
using System.Text.Json;

namespace EntraMesh.Launcher.Mesh;

/// <summary>
/// Development secrets of one run folder, generated once and kept (owner-only) so a re-run reuses them: the emulator's
/// client secret (also handed to dispatch), the webhook HMAC secret of the sample source, and the operator API key.
/// </summary>
public sealed record MeshSecrets(string EntraClientSecret, string WebhookSecret, string OperatorApiKey)
{
    public static MeshSecrets LoadOrCreate(string runDirectory)
    {
        var path = Path.Combine(runDirectory, "secrets.json");
        if (File.Exists(path) && JsonSerializer.Deserialize<MeshSecrets>(File.ReadAllText(path)) is { } existing) return existing;

        var secrets = new MeshSecrets(Random(32), Random(32), Random(24));
        Directory.CreateDirectory(runDirectory);
        File.WriteAllText(path, JsonSerializer.Serialize(secrets));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secrets;
    }

    static string Random(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant();
}
