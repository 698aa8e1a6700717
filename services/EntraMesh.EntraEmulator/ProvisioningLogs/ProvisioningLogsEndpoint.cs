using EntraMesh.EntraEmulator.Hosting;
using System.Text.Json;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Filtering;
using EntraMesh.EntraEmulator.Graph;
using EntraMesh.EntraEmulator.Tenancy;
using Microsoft.Extensions.Options;

namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>
/// <c>GET /{version}/auditLogs/provisioning</c>: the caller's tenant's provisioningObjectSummary entries that are visible
/// (the log delay has passed), filtered, newest first unless <c>$orderby=activityDateTime asc</c>, paged with
/// <c>@odata.nextLink</c>.
/// </summary>
public sealed class ProvisioningLogsEndpoint(EmulatorRegistry registry, GraphAuthorizer authorizer, IOptions<EmulatorOptions> options, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context, string version)
    {
        if (await authorizer.AuthorizeAsync(context, GraphRoles.ProvisioningLogs) is not { } principal) return;
        var tenant = registry.FindTenant(principal.TenantId)!;
        var settings = options.Value.ProvisioningLogs;

        ODataQuery query;
        Func<ProvisioningLogEntry, bool> predicate = static _ => true;
        bool descending;
        LogPosition? after = null;
        (DateTimeOffset? From, DateTimeOffset? To) bounds = (null, null);
        try
        {
            query = ODataQuery.Parse(context.Request, settings.DefaultPageSize, settings.MaxPageSize);
            if (query.Filter is { } filter)
            {
                predicate = FilterCompiler<ProvisioningLogEntry>.Compile(filter, LogFields.All);
                bounds = FilterCompiler<ProvisioningLogEntry>.TimeBounds(filter, LogFields.ActivityDateTime);
            }

            descending = IsDescending(query.OrderBy);
            if (query.SkipToken is { } token)
            {
                after = LogPosition.TryParse(token, out var position) ? position : throw new FilterException($"Invalid $skiptoken '{token}'.");
            }
        }
        catch (FilterException error)
        {
            await GraphErrors.BadRequest(context, error.Message);
            return;
        }

        var (page, more) = tenant.Logs.Query(predicate, descending, query.Top, after, bounds.From, bounds.To, time.GetUtcNow());
        context.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteString("@odata.context", query.Context(version, "auditLogs/provisioning"));
        if (more) writer.WriteString("@odata.nextLink", query.NextLink(LogPosition.Of(page[^1]).ToToken()));
        writer.WriteStartArray("value");
        foreach (var entry in page) LogEntryWriter.Write(writer, entry);
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Only activityDateTime can order (desc by default).</summary>
    static bool IsDescending(string? orderBy)
    {
        if (string.IsNullOrWhiteSpace(orderBy)) return true;
        var parts = orderBy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2 || !string.Equals(parts[0], LogFields.ActivityDateTime, StringComparison.OrdinalIgnoreCase))
        {
            throw new FilterException($"$orderby '{orderBy}' is not supported; order by activityDateTime asc or desc.");
        }

        if (parts.Length == 1 || string.Equals(parts[1], "desc", StringComparison.OrdinalIgnoreCase)) return true;
        return string.Equals(parts[1], "asc", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new FilterException($"$orderby direction '{parts[1]}' must be asc or desc.");
    }
}
