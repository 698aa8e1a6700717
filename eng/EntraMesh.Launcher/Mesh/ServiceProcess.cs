using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EntraMesh.Launcher.Mesh;

/// <summary>
/// One service running as a real process (<c>dotnet Service.dll</c>) with its own environment. Its output goes straight to
/// a log file (so it outlives this process and `eng/run.sh stop` can still stop it) and its pid to a pid file.
/// </summary>
public sealed partial class ServiceProcess
{
    readonly string dll;
    readonly IReadOnlyDictionary<string, string> environment;
    readonly string pidFile;
    Process? process;

    public ServiceProcess(string name, string dll, Uri baseUrl, IReadOnlyDictionary<string, string> environment, string runDirectory)
    {
        Name = name;
        this.dll = dll;
        BaseUrl = baseUrl;
        this.environment = environment;
        LogFile = Path.Combine(runDirectory, "logs", $"{name}.log");
        pidFile = Path.Combine(runDirectory, "pids", $"{name}.pid");
    }

    public string Name { get; }
    public Uri BaseUrl { get; }
    public string LogFile { get; }
    public int? ProcessId => process is { HasExited: false } ? process.Id : null;

    public void Start()
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"{Name}: {dll} is not built (dotnet build first).", dll);
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        Directory.CreateDirectory(Path.GetDirectoryName(pidFile)!);
        File.AppendAllText(LogFile, $"{Environment.NewLine}==== {DateTimeOffset.Now:O} starting {Name} ===={Environment.NewLine}");

        // exec keeps the pid: the shell becomes the service, writing to the log file itself.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" >> \"$1\" 2>&1 < /dev/null");
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(LogFile);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        File.WriteAllText(pidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; fails early, with the log's tail, when the process exits.</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before it was ready. Last lines of {LogFile}:{Environment.NewLine}{Tail(40)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // listening but too slow to answer within the client's timeout (a busy machine, a service still warming up)
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s. Last lines of {LogFile}:{Environment.NewLine}{Tail(40)}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>SIGKILL, as a crash would (no graceful shutdown).</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        File.Delete(pidFile);
    }

    /// <summary>SIGTERM, then SIGKILL if it has not stopped within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process is { HasExited: false })
        {
            _ = SendSignal(process.Id, Terminate);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }
        }

        File.Delete(pidFile);
    }

    public string Tail(int lines)
    {
        if (!File.Exists(LogFile)) return "(no log)";
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    /// <summary>Stops processes a previous run left behind (their pid files), e.g. after the launcher was killed.</summary>
    public static int StopLeftovers(string runDirectory)
    {
        var folder = Path.Combine(runDirectory, "pids");
        if (!Directory.Exists(folder)) return 0;
        var stopped = 0;
        foreach (var file in Directory.GetFiles(folder, "*.pid"))
        {
            if (int.TryParse(File.ReadAllText(file).Trim(), out var pid) && IsService(pid))
            {
                _ = SendSignal(pid, Terminate);
                stopped++;
                try
                {
                    using var leftover = Process.GetProcessById(pid);
                    if (!leftover.WaitForExit(10_000)) leftover.Kill();
                }
                catch (ArgumentException)
                {
                    // already gone
                }
            }

            File.Delete(file);
        }

        return stopped;
    }

    /// <summary>Only processes that still run a dotnet service count (a recycled pid must not be killed).</summary>
    static bool IsService(int pid)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return commandLine.Contains("EntraMesh.", StringComparison.Ordinal) && commandLine.Contains("dotnet", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    const int Terminate = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
