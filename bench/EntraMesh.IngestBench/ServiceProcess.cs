using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EntraMesh.IngestBench;

/// <summary>A built EntraMesh service (services/NAME/bin/CONFIG/net10.0/NAME.dll) run as a child process on a free port.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    readonly Process process;

    ServiceProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServiceProcess> StartAsync(string name, IDictionary<string, string> environment)
    {
        var port = FreePort();
        var dll = Locate(name);
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
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[{name}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(service.Address, "/health/ready"));
                if (response.IsSuccessStatusCode) return service;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        await service.DisposeAsync();
        throw new InvalidOperationException($"{name} did not become ready");
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

    static string Locate(string name)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryRoot(), "services", name, "bin", configuration, "net10.0", name + ".dll");
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
