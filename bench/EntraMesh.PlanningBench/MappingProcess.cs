using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EntraMesh.PlanningBench;

/// <summary>The built mapping service (services/EntraMesh.Mapping/bin/CONFIG/net10.0) run as a child process on a free port.</summary>
public sealed class MappingProcess : IAsyncDisposable
{
    const string Name = "EntraMesh.Mapping";

    readonly Process process;

    MappingProcess(Process process) => this.process = process;

    public static async Task<MappingProcess> StartAsync(BenchInfrastructure infrastructure)
    {
        var port = FreePort();
        var dll = Locate();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ConnectionStrings__postgres"] = infrastructure.PostgresConnectionString;
        start.Environment["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqUri.ToString();
        start.Environment["Rules__Path"] = Path.Combine(RepositoryRoot(), "samples", "rules", "csv2scim.yaml");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[mapping] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var mapping = new MappingProcess(process);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));
                if (response.IsSuccessStatusCode) return mapping;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        await mapping.DisposeAsync();
        throw new InvalidOperationException("mapping did not become ready");
    }

    /// <summary>CPU time the service used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Peak resident set size (VmHWM) in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EntraMesh.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("EntraMesh.sln not found above " + AppContext.BaseDirectory);
    }

    static string Locate()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryRoot(), "services", Name, "bin", configuration, "net10.0", Name + ".dll");
        return File.Exists(path) ? path : throw new InvalidOperationException("Not built: " + path);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
