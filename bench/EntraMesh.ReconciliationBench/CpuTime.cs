using System.Diagnostics;
using System.Globalization;

namespace EntraMesh.ReconciliationBench;

/// <summary>
/// CPU seconds used so far by this process (the service), by PostgreSQL and by RabbitMQ (Linux /proc; zero elsewhere).
/// The difference over a run says how much CPU the work needed, whatever else the shared machine was doing.
/// </summary>
public readonly record struct CpuTime(double Service, double Postgres, double RabbitMq)
{
    public double Total => Service + Postgres + RabbitMq;

    public static CpuTime Take() => new(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Of("postgres"), Of("beam.smp"));

    public static CpuTime operator -(CpuTime a, CpuTime b) => new(a.Service - b.Service, a.Postgres - b.Postgres, a.RabbitMq - b.RabbitMq);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"service {Service:0.0} s, PostgreSQL {Postgres:0.0} s, RabbitMQ {RabbitMq:0.0} s");

    /// <summary>utime + stime of every process with this command name (processes that ended meanwhile are missed).</summary>
    static double Of(string command)
    {
        if (!Directory.Exists("/proc")) return 0;
        var ticks = 0.0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(directory);
            if (!pid.All(char.IsAsciiDigit)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).Trim() != command) continue;
                var fields = File.ReadAllText(Path.Combine(directory, "stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the process ended while we read it
            }
        }

        return ticks / 100.0;
    }
}
