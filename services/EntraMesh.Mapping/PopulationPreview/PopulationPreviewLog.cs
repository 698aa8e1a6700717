namespace EntraMesh.Mapping.PopulationPreview;

internal static partial class PopulationPreviewLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Information,
        Message = "Population preview for {Principal}: candidate {Candidate} against running {Running}: {Workers} workers, {Changed} changed, " +
                  "{Invalid} invalid, in {ElapsedMs} ms")]
    public static partial void Previewed(ILogger logger, string principal, string candidate, string running, int workers, int changed, int invalid, long elapsedMs);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning,
        Message = "Population preview for {Principal} stopped: candidate {Candidate} took a second or more on {SlowWorkers} workers")]
    public static partial void TooSlow(ILogger logger, string principal, string candidate, int slowWorkers);
}
