using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EntraMesh.Benchmarking;

/// <summary>
/// A built EntraMesh service (services/NAME/bin/CONFIG/net10.0/NAME.dll, CONFIG the benchmark's own) run as a child process on a
/// free port, in Production with warnings only; its standard error is echoed with the service's name.
/// </summary>
public sealed class ChildService : IAsyncDisposable
{
    readonly Process process;

    ChildService(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public TimeSpan CpuTime => ProcessFigures.CpuTime(process.Id);

    public long PeakResidentBytes() => ProcessFigures.PeakResidentBytes(process.Id);

    /// <summary>Starts the service and waits until <c>/health/ready</c> answers 200 (or fails when it exits or the timeout passes).</summary>
    public static async Task<ChildService> StartAsync(string name, IReadOnlyDictionary<string, string> environment, TimeSpan? readyTimeout = null)
    {
        var port = FreePort();
        var dll = Path.Combine(Repository.Root(), "services", name, "bin", Repository.Configuration, "net10.0", name + ".dll");
        if (!File.Exists(dll)) throw new InvalidOperationException("Not built: " + dll);
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

        var service = new ChildService(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + (readyTimeout ?? TimeSpan.FromSeconds(90));
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
