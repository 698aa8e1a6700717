using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EntraMesh.Bench.Reporting;

/// <summary>What the figures were measured on, how busy the machine was, and at which commit.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var gigabytes = memory is null ? "" : $", {Math.Round(long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0):0} GB";
        return $"{Environment.ProcessorCount} cores{(cpu is null ? "" : $" ({cpu})")}{gigabytes}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>The 1-minute load average (the machine is shared with other engineers' builds and tests).</summary>
    public static double Load() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    public static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true });
            var commit = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>Waits (checking every minute, up to an hour) until the 1-minute load average is at most <paramref name="limit"/>.</summary>
    public static async Task WaitForQuietAsync(double limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddHours(1);
        while (Load() > limit && DateTime.UtcNow < deadline)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  load average {Load():0.00} is above {limit:0.00} (other engineers' builds): waiting a minute"));
            await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
        }
    }
}
