using EntraMesh.Ingest.Http;
using EntraMesh.Ingest.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Ingest.Imports;

/// <summary>CSV imports: upload, progress, and the operator's decision on a held full snapshot.</summary>
public static partial class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/imports").WithTags("Imports");
        imports.MapPost("/", UploadAsync)
            .WithName("CreateImport")
            .WithSummary("Upload a CSV file (text/csv or multipart/form-data) for a source; mode=delta (default) or full (a snapshot). " +
                         "An Idempotency-Key header makes a retried upload find the first one's import instead of importing the file again.")
            .Produces<ImportJobView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        imports.MapGet("/{id:guid}", GetAsync)
            .WithName("GetImport")
            .WithSummary("Progress of an import: rows read, accepted, rejected (with row numbers), done.")
            .Produces<ImportJobView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapPost("/{id:guid}/confirm", ConfirmAsync)
            .WithName("ConfirmImport")
            .WithSummary("Confirm a held full snapshot: its rows are accepted and the workers it omits are announced as terminated.")
            .Produces<ImportJobView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        imports.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithName("CancelImport")
            .WithSummary("Cancel a held full snapshot: nothing of it is announced.")
            .Produces<ImportJobView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    static async Task<Results<Accepted<ImportJobView>, ProblemHttpResult>> UploadAsync(
        HttpContext context, SourceCatalog sources, ImportStore store, ImportQueue queue, IOptions<IngestOptions> options,
        ILogger<ImportJobView> logger, string? source = null, string? mode = null)
    {
        var settings = options.Value;
        var sourceId = string.IsNullOrWhiteSpace(source) ? settings.DefaultImportSource : source;
        if (!sources.TryGet(sourceId, out var definition)) return Problems.NotFound($"Source '{sourceId}' is not configured.");
        var importMode = string.IsNullOrWhiteSpace(mode) ? ImportMode.Delta : mode.Trim().ToLowerInvariant();
        if (importMode is not (ImportMode.Delta or ImportMode.Full))
            return Problems.BadRequest($"Query parameter 'mode' must be '{ImportMode.Delta}' or '{ImportMode.Full}' (got '{mode}').");
        if (!TryReadIdempotencyKey(context.Request, out var idempotencyKey))
            return Problems.BadRequest($"Header '{IdempotencyKeyHeader}' must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters.");
        if (idempotencyKey is not null)
        {
            try
            {
                if (await store.FindByIdempotencyKeyAsync(sourceId, idempotencyKey, context.RequestAborted) is { } earlier)
                {
                    return await ReplayedAsync(context, store, earlier);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !context.RequestAborted.IsCancellationRequested)
            {
                return Unavailable(context, logger, exception, sourceId);
            }
        }

        var id = Guid.CreateVersion7();
        var path = Path.Combine(settings.StateDirectory, "imports", id + ".csv");
        BoundedBody.ApplyLimit(context, settings.MaxImportBytes + 64 * 1024);
        var (outcome, fileName, problem) = await CsvUpload.SpoolAsync(context.Request, path, settings.MaxImportBytes, context.RequestAborted);
        if (outcome != CsvUpload.Outcome.Spooled)
        {
            DeleteIfExists(path);
            return outcome switch
            {
                CsvUpload.Outcome.UnsupportedMediaType => Problems.UnsupportedMediaType(context.Request.ContentType, "text/csv or multipart/form-data with a file part"),
                CsvUpload.Outcome.TooLarge => Problems.TooLarge(settings.MaxImportBytes),
                _ => Problems.BadRequest(problem!),
            };
        }

        var (reader, headerProblem) = CsvRowReader.Open(path, definition.Options);
        reader?.Dispose();
        if (headerProblem is not null)
        {
            DeleteIfExists(path);
            return Problems.BadRequest(headerProblem);
        }

        try
        {
            if (!await store.CreateAsync(id, sourceId, importMode, fileName, path, Principal.Of(context.Request), definition.SnapshotTerminationThreshold,
                    idempotencyKey, context.RequestAborted))
            {
                // A concurrent upload with the same key registered first: this one is that one.
                DeleteIfExists(path);
                return await ReplayedAsync(context, store, (await store.FindByIdempotencyKeyAsync(sourceId, idempotencyKey!, context.RequestAborted))!.Value);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !context.RequestAborted.IsCancellationRequested)
        {
            DeleteIfExists(path);
            return Unavailable(context, logger, exception, sourceId);
        }

        queue.Enqueue(id);
        LogQueued(logger, id, sourceId, importMode);
        var view = await store.GetAsync(id, context.RequestAborted);
        // A relative Location: behind the gateway the absolute one would name ingest's own address.
        return TypedResults.Accepted($"/api/imports/{id}", view);
    }

    /// <summary>PostgreSQL is down or restarting: nothing was registered, so the client may safely upload the file again.</summary>
    static ProblemHttpResult Unavailable(HttpContext context, ILogger logger, Exception exception, string sourceId)
    {
        LogRegisterFailed(logger, exception, sourceId);
        context.Response.Headers.RetryAfter = "5";
        return Problems.Unavailable("The import could not be registered; nothing was accepted. Upload the file again.");
    }

    const string IdempotencyKeyHeader = "Idempotency-Key";
    const int MaxIdempotencyKeyLength = 255;

    /// <summary>The upload's Idempotency-Key (null without one); false when the header is malformed.</summary>
    static bool TryReadIdempotencyKey(HttpRequest request, out string? key)
    {
        key = null;
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values)) return true;
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxIdempotencyKeyLength } value) return false;
        // The IETF draft's form is a structured-field string ("..."); a bare token is accepted as well.
        var text = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        if (text.Length == 0 || text.Any(c => c is < '!' or > '~')) return false;
        key = text;
        return true;
    }

    /// <summary>The answer to an upload retried with the key of an earlier one: that import, as first answered.</summary>
    static async Task<Accepted<ImportJobView>> ReplayedAsync(HttpContext context, ImportStore store, Guid id)
    {
        context.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Accepted($"/api/imports/{id}", await store.GetAsync(id, context.RequestAborted));
    }

    static void DeleteIfExists(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    static async Task<Results<Ok<ImportJobView>, ProblemHttpResult>> GetAsync(Guid id, ImportStore store, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(id, cancellationToken);
        return job is null ? Problems.NotFound($"Import '{id}' does not exist.") : TypedResults.Ok(job);
    }

    static async Task<Results<Accepted<ImportJobView>, ProblemHttpResult>> ConfirmAsync(
        Guid id, HttpContext context, ImportStore store, ImportQueue queue, ILogger<ImportJobView> logger)
    {
        var by = Principal.Of(context.Request);
        if (!await store.TransitionAsync(id, ImportStatus.AwaitingConfirmation, ImportStatus.Applying, by, context.RequestAborted))
            return await NotHeldAsync(id, store, context.RequestAborted);
        queue.Enqueue(id);
        LogDecided(logger, id, "confirmed", by ?? "(unknown)");
        return TypedResults.Accepted($"/api/imports/{id}", await store.GetAsync(id, context.RequestAborted));
    }

    static async Task<Results<Ok<ImportJobView>, ProblemHttpResult>> CancelAsync(
        Guid id, HttpContext context, ImportStore store, SnapshotStage stage, ILogger<ImportJobView> logger)
    {
        var by = Principal.Of(context.Request);
        if (!await store.TransitionAsync(id, ImportStatus.AwaitingConfirmation, ImportStatus.Cancelled, by, context.RequestAborted))
            return await NotHeldAsync(id, store, context.RequestAborted);
        await stage.DiscardAsync(id, context.RequestAborted);
        LogDecided(logger, id, "cancelled", by ?? "(unknown)");
        return TypedResults.Ok((await store.GetAsync(id, context.RequestAborted))!);
    }

    static async Task<ProblemHttpResult> NotHeldAsync(Guid id, ImportStore store, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(id, cancellationToken);
        return job is null
            ? Problems.NotFound($"Import '{id}' does not exist.")
            : Problems.Conflict($"Import '{id}' is {job.Status}; only an import in status {ImportStatus.AwaitingConfirmation} can be confirmed or cancelled.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} of source {SourceId} queued ({Mode})")]
    static partial void LogQueued(ILogger logger, Guid importId, string sourceId, string mode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import upload for source {SourceId} could not be registered; answered 503")]
    static partial void LogRegisterFailed(ILogger logger, Exception exception, string sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} {Decision} by {Principal}")]
    static partial void LogDecided(ILogger logger, Guid importId, string decision, string principal);
}
