using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EntraMesh.RulesBench;

/// <summary>What the figures were measured on, and at which commit.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Os, string Runtime, string Commit, string Load)
{
    public static MachineInfo Describe() => new(ReadCpu(), Environment.ProcessorCount, RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription, ReadCommit(), ReadLoad());

    public override string ToString() => $"{Cpu}, {Cores} cores, {Os}, {Runtime}, load average {Load} (shared machine)";

    /// <summary>The one-minute load average when the run started: other work on a shared machine slows the figures.</summary>
    static string ReadLoad()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    static string ReadCpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    static string ReadCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
