using System.Diagnostics;
using System.Globalization;

namespace EntraMesh.Bench.Measures;

/// <summary>
/// Where the machine's CPU went during a phase, from /proc: each mesh service, this mesh's PostgreSQL backends (their
/// process title names the database), the rest of PostgreSQL and RabbitMQ (shared with other engineers' tests), this
/// benchmark, and everything else. Tells what limits a figure on a machine whose 2 cores are shared.
/// </summary>
public sealed class CpuSampler
{
    static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    readonly IReadOnlyDictionary<int, string> services;
    readonly string database;
    readonly Dictionary<int, long> startTicks;
    readonly (long Busy, long Total) startMachine;
    readonly Stopwatch clock = Stopwatch.StartNew();

    CpuSampler(IReadOnlyDictionary<int, string> services, string database)
    {
        this.services = services;
        this.database = database;
        startTicks = ReadAll().ToDictionary(p => p.Pid, p => p.Ticks);
        startMachine = Machine();
    }

    /// <summary>Starts sampling; <paramref name="services"/> maps pids to service names.</summary>
    public static CpuSampler Start(IReadOnlyDictionary<int, string> services, string database) => new(services, database);

    public CpuProfile Stop()
    {
        var seconds = clock.Elapsed.TotalSeconds;
        var endMachine = Machine();
        var cores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (pid, ticks, title) in ReadAll())
        {
            var used = ticks - startTicks.GetValueOrDefault(pid);
            if (used <= 0) continue;
            var group = Group(pid, title);
            cores[group] = cores.GetValueOrDefault(group) + used / TicksPerSecond / seconds;
        }

        var total = endMachine.Total - startMachine.Total;
        var busy = total <= 0 ? 0 : (double)(endMachine.Busy - startMachine.Busy) / total * Environment.ProcessorCount;
        var named = cores.Where(c => c.Key != "others").Sum(c => c.Value);
        cores["others"] = Math.Max(0, busy - named);
        return new CpuProfile(busy, Environment.ProcessorCount, cores) { Seconds = seconds };
    }

    string Group(int pid, string title)
    {
        if (services.TryGetValue(pid, out var service)) return service;
        if (pid == Environment.ProcessId) return "bench";
        if (title.StartsWith("postgres:", StringComparison.Ordinal) || title.Contains("/bin/postgres", StringComparison.Ordinal))
        {
            return title.Contains(database, StringComparison.Ordinal) ? "postgres (this mesh)" : "postgres (others)";
        }

        return title.Contains("beam.smp", StringComparison.Ordinal) || title.Contains("rabbit", StringComparison.Ordinal) ? "rabbitmq" : "others";
    }

    static IEnumerable<(int Pid, long Ticks, string Title)> ReadAll()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            string stat, title;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
                title = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue; // gone meanwhile
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // after "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based), i.e. indexes 11 and 12 here
            yield return (pid, long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture), title);
        }
    }

    static (long Busy, long Total) Machine()
    {
        var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Take(8).Sum();
        var idle = values[3] + values[4];
        return (total - idle, total);
    }
}
