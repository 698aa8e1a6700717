namespace EntraMesh.EntraEmulator.Jobs;

/// <summary>What <c>status</c> reports about past executions of a job.</summary>
public sealed record JobExecutionFigures
{
    public JobExecution? LastExecution { get; init; }

    public JobExecution? LastSuccessfulExecution { get; init; }

    public JobExecution? LastSuccessfulExecutionWithExports { get; init; }

    public DateTimeOffset? SteadyStateFirstAchieved { get; init; }

    public long TotalImported { get; init; }

    public long TotalExported { get; init; }

    public long TotalEscrowed { get; init; }

    public JobExecutionFigures With(JobExecution execution) => this with
    {
        LastExecution = execution,
        LastSuccessfulExecution = execution.Escrowed == 0 ? execution : LastSuccessfulExecution,
        LastSuccessfulExecutionWithExports = execution.Escrowed == 0 && execution.Exported > 0 ? execution : LastSuccessfulExecutionWithExports,
        SteadyStateFirstAchieved = SteadyStateFirstAchieved ?? execution.Ended,
        TotalImported = TotalImported + execution.Imported,
        TotalExported = TotalExported + execution.Exported,
        TotalEscrowed = TotalEscrowed + execution.Escrowed,
    };
}
