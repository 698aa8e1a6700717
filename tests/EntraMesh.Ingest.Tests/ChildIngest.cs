using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EntraMesh.Testing;

namespace EntraMesh.Ingest.Tests;

/// <summary>
/// The real ingest executable (the built EntraMesh.Ingest.dll) as a child process on a free port, configured through
/// environment variables as a deployment would be. It can be killed with SIGKILL, and its peak resident memory
/// (VmHWM) read from /proc.
/// </summary>
public sealed class ChildIngest : IAsyncDisposable
{
    readonly Process process;

    ChildIngest(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri Address { get; }
    public HttpClient Client { get; }
    public int ProcessId => process.Id;

    public static async Task<ChildIngest> StartAsync(IsolatedInfrastructure infrastructure, string stateDirectory, IDictionary<string, string?>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [IngestAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(IngestAssembly())!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in IngestFactory.Settings(infrastructure, stateDirectory).Concat(settings ?? new Dictionary<string, string?>()))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildIngest(process, new Uri($"http://127.0.0.1:{port}"));
        await Eventually.WaitForAsync(child.ReadyAsync, ready => ready || process.HasExited, TimeSpan.FromSeconds(60), "ingest child process to be ready");
        if (process.HasExited) throw new InvalidOperationException($"ingest exited with code {process.ExitCode} at start");
        return child;
    }

    async Task<bool> ReadyAsync()
    {
        try
        {
            using var response = await Client.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, nothing after the last commit runs.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Peak resident set size of the process so far, in bytes (VmHWM from /proc/PID/status).</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    static string IngestAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EntraMesh.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("EntraMesh.sln not found above " + AppContext.BaseDirectory);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(directory.FullName, "services", "EntraMesh.Ingest", "bin", configuration, "net10.0", "EntraMesh.Ingest.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException("Build EntraMesh.Ingest first: " + path);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
