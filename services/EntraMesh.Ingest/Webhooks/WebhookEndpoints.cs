using System.Diagnostics;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Ingest.Http;
using EntraMesh.Ingest.Records;
using EntraMesh.Ingest.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Ingest.Webhooks;

/// <summary><c>POST /webhooks/{sourceId}</c>: signed HR webhooks, accepted in one transaction, 202 only after commit.</summary>
public static partial class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/{sourceId}", HandleAsync)
            .WithName("PostWebhook")
            .WithTags("Webhooks")
            .WithSummary("Receive a signed webhook with one or many worker records.")
            .WithDescription("EntraMesh JSON (X-EntraMesh-Signature: t=<unix>,v1=<hex>) or BambooHR (X-BambooHR-Signature/-Timestamp), per the source's WebhookFormat.")
            .Produces<WebhookResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    static async Task<Results<Accepted<WebhookResponse>, ProblemHttpResult>> HandleAsync(
        string sourceId, HttpContext context, SourceCatalog sources, IEnumerable<IWebhookAdapter> adapters,
        IOptions<IngestOptions> options, TimeProvider time, Outbox outbox, RecordAcceptor acceptor, RejectionStore rejections,
        ILogger<WebhookResponse> logger)
    {
        var settings = options.Value;
        var request = context.Request;
        if (!sources.TryGet(sourceId, out var source)) return Problems.NotFound($"Source '{sourceId}' is not configured.");
        if (!source.TakesWebhooks) return Problems.NotFound($"Source '{sourceId}' does not take webhooks.");
        var adapter = adapters.First(a => string.Equals(a.Format, source.Options.WebhookFormat, StringComparison.OrdinalIgnoreCase));

        if (!IsJson(request.ContentType)) return Problems.UnsupportedMediaType(request.ContentType, "application/json");
        BoundedBody.ApplyLimit(context, settings.MaxWebhookBytes);
        if (BoundedBody.DeclaredTooLarge(request, settings.MaxWebhookBytes)) return Problems.TooLarge(settings.MaxWebhookBytes);
        using var buffer = new MemoryStream();
        if (!await BoundedBody.CopyAsync(request.Body, buffer, settings.MaxWebhookBytes, context.RequestAborted))
            return Problems.TooLarge(settings.MaxWebhookBytes);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

        var signature = adapter.Verify(request.Headers, body.Span, source.Secrets, time.GetUtcNow(), settings.SignatureTolerance);
        if (!signature.Valid)
        {
            LogSignatureRejected(logger, sourceId, signature.Problem!);
            return Problems.Unauthorized(signature.Problem!);
        }

        if (Utf8Text.FirstInvalidByte(body.Span) is { } invalid)
            return Problems.BadRequest($"The body is not valid UTF-8 (first invalid byte at offset {invalid}): JSON is sent as UTF-8.");
        var parsed = adapter.Parse(body);
        if (parsed.Problem is not null) return Problems.BadRequest(parsed.Problem);
        if (parsed.Records.Count > settings.MaxRecordsPerWebhook)
            return Problems.BadRequest($"The webhook carries {parsed.Records.Count} records; at most {settings.MaxRecordsPerWebhook} are accepted per request.");

        var normalized = new List<NormalizedRecord>(parsed.Records.Count);
        var rejected = new List<RecordRejection>();
        foreach (var record in parsed.Records)
        {
            var (ok, rejection) = RecordNormalizer.Normalize(source.Options, record);
            if (ok is not null) normalized.Add(ok);
            else rejected.Add(rejection!);
        }

        IReadOnlyList<AcceptedRecord> accepted;
        try
        {
            await using var tx = await outbox.BeginAsync(context.RequestAborted);
            accepted = await acceptor.AcceptAsync(tx, source.Id, Channels.Webhook, normalized, null, context.RequestAborted);
            await rejections.AddAsync(tx, source.Id, Channels.Webhook, null, rejected, context.RequestAborted);
            await tx.CommitAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !context.RequestAborted.IsCancellationRequested)
        {
            LogStoreFailed(logger, exception, sourceId);
            context.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("The records could not be stored; nothing was accepted. Deliver the webhook again.");
        }

        foreach (var record in accepted.Where(a => !a.Duplicate)) LogAccepted(logger, sourceId, record.WorkerId, record.Revision!.Value);
        Activity.Current?.SetTag("entramesh.source", sourceId);
        var outcomes = accepted.Select(a => new WebhookRecordOutcome(a.Position, a.EventId, a.WorkerId, a.Duplicate ? "duplicate" : "accepted", a.Revision, null))
            .Concat(rejected.Select(r => new WebhookRecordOutcome(r.Position, r.EventId, r.WorkerId, "rejected", null, r.Reason)))
            .OrderBy(o => o.Index)
            .ToList();
        return TypedResults.Accepted((string?)null, new WebhookResponse(
            accepted.Count(a => !a.Duplicate), accepted.Count(a => a.Duplicate), rejected.Count, outcomes));
    }

    static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.HasValue
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for source {SourceId} refused: {Problem}")]
    static partial void LogSignatureRejected(ILogger logger, string sourceId, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Source {SourceId}: accepted worker {WorkerId} revision {Revision} from a webhook")]
    static partial void LogAccepted(ILogger logger, string sourceId, string workerId, long revision);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook for source {SourceId} could not be stored")]
    static partial void LogStoreFailed(ILogger logger, Exception exception, string sourceId);
}
