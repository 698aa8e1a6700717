using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EntraMesh.Benchmarking;

/// <summary>What the figures were measured on, how busy the machine was, and at which commit.</summary>
public static class Machine
{
    /// <summary>Cores, CPU model, memory, operating system and runtime.</summary>
    public static string Describe()
    {
        var cpu = FirstLine("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim();
        var memory = FirstLine("/proc/meminfo", "MemTotal:")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var gigabytes = memory is null ? "" : $", {Math.Round(long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0):0} GB";
        return $"{Environment.ProcessorCount} cores{(cpu is null ? "" : $" ({cpu})")}{gigabytes}, {RuntimeInformation.OSDescription.Split('#')[0].Trim()}, .NET {Environment.Version}";
    }

    /// <summary>The 1-minute load average: the machine is shared with other engineers' builds and tests, and the figures move with it.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    /// <summary><see cref="LoadAverage"/> as /proc/loadavg shows it, for reports ("n/a" where there is none).</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>Waits (checking every minute, up to an hour) until the 1-minute load average is at most <paramref name="limit"/>.</summary>
    public static async Task WaitForQuietAsync(double limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddHours(1);
        while (LoadAverage() > limit && DateTime.UtcNow < deadline)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  load average {LoadAverage():0.00} is above {limit:0.00} (other engineers' builds): waiting a minute"));
            await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
        }
    }

    static readonly Lazy<string> StartCommit = new(ReadCommit);

    /// <summary>
    /// The short commit checked out when the benchmark first asked (at its start), or "unknown": a commit made while a long
    /// run goes on does not change what its rows say they measured.
    /// </summary>
    public static string Commit() => StartCommit.Value;

    static string ReadCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Repository.Root(),
            })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    static string? FirstLine(string file, string prefix) =>
        File.Exists(file) ? File.ReadLines(file).FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal)) : null;
}
