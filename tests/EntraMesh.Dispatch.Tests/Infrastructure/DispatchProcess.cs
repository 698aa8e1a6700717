using System.Diagnostics;
using System.Text;

namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>
/// The dispatch service as a real child process (its own build output, settings as environment variables), for tests
/// that kill it abruptly. Disposing kills it if it still runs.
/// </summary>
internal sealed class DispatchProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();

    DispatchProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    public static DispatchProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ServiceAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServiceAssembly);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ENTRAMESH_SECRETS_DIR"] = Path.Combine(Path.GetTempPath(), "entramesh-no-secrets");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return new DispatchProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Ends the process at once, like a killed pod: no shutdown, no cleanup (SIGKILL).</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>The service's own build output, next to this test project's (same configuration).</summary>
    static string ServiceAssembly
    {
        get
        {
            var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // bin/<configuration>/net10.0
            var configuration = output.Parent!.Name;
            var path = RepositoryFiles.PathOf("services", "EntraMesh.Dispatch", "bin", configuration, "net10.0", "EntraMesh.Dispatch.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the dispatch service is not built.", path);
        }
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
