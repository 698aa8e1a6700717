namespace EntraMesh.Ingest.Imports;

public static class ImportExtensions
{
    /// <summary>CSV imports: the job store, the queue and the background worker that runs (and resumes) jobs.</summary>
    public static IHostApplicationBuilder AddImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ImportStore>();
        builder.Services.AddSingleton<ImportQueue>();
        builder.Services.AddSingleton<SnapshotStage>();
        builder.Services.AddSingleton<ImportProcessor>();
        builder.Services.AddHostedService<ImportWorker>();
        return builder;
    }
}
