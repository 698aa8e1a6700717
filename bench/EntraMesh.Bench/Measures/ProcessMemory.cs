namespace EntraMesh.Bench.Measures;

/// <summary>A process's peak resident memory (Linux VmHWM), which can be reset so a phase measures its own peak.</summary>
public static class ProcessMemory
{
    /// <summary>Resets the peak to the current resident size (writes 5 to /proc/pid/clear_refs); false when not allowed.</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long PeakBytes(int pid) => Field(pid, "VmHWM:");

    public static long ResidentBytes(int pid) => Field(pid, "VmRSS:");

    static long Field(int pid, string name)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
