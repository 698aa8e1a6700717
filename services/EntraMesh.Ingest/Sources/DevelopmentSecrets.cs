using System.Security.Cryptography;

namespace EntraMesh.Ingest.Sources;

/// <summary>
/// In the Development environment only, a webhook source without a configured secret gets a random one, written to
/// <c>{Ingest:StateDirectory}/secrets/{source}.secret</c> (readable only by this user) so a developer can sign
/// requests with it. Never used in any other environment; never logged.
/// </summary>
public sealed partial class DevelopmentSecrets(IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<IngestOptions> options, ILogger<DevelopmentSecrets> logger)
{
    public bool Enabled => environment.IsDevelopment();

    public string GetOrCreate(string sourceId)
    {
        var directory = Path.Combine(options.Value.StateDirectory, "secrets");
        var path = Path.Combine(directory, sourceId + ".secret");
        if (File.Exists(path)) return File.ReadAllText(path).Trim();

        Directory.CreateDirectory(directory);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        LogGenerated(logger, sourceId, path);
        return secret;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development: source {SourceId} has no webhook secret configured; generated one in {Path}")]
    static partial void LogGenerated(ILogger logger, string sourceId, string path);
}
