using EntraMesh.EntraEmulator.Hosting;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using EntraMesh.EntraEmulator.Filtering;
using EntraMesh.EntraEmulator.Graph;
using EntraMesh.EntraEmulator.Tenancy;

namespace EntraMesh.EntraEmulator.Users;

/// <summary>
/// <c>GET /users</c> (<c>$filter</c>, <c>$select</c>, <c>$top</c>, paging), <c>GET /users/{id or userPrincipalName}</c> and
/// <c>GET /users/{id}/manager</c>: the simulated directory as Graph shows it.
/// </summary>
public sealed class UsersEndpoint(EmulatorRegistry registry, GraphAuthorizer authorizer)
{
    public async Task ListAsync(HttpContext context, string version)
    {
        if (await authorizer.AuthorizeAsync(context, GraphRoles.ReadUsers) is not { } principal) return;
        var directory = registry.FindTenant(principal.TenantId)!.Directory;
        ODataQuery query;
        Func<DirectoryUser, bool> predicate = static _ => true;
        IReadOnlyList<Action<Utf8JsonWriter, DirectoryUser>> properties;
        long after = 0;
        try
        {
            query = ODataQuery.Parse(context.Request, defaultTop: 100, maxTop: 999);
            if (query.Filter is { } filter) predicate = FilterCompiler<DirectoryUser>.Compile(filter, UserProjection.Fields);
            properties = UserProjection.Resolve(query.Select);
            if (query.SkipToken is { } token && !long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            {
                throw new FilterException($"Invalid $skiptoken '{token}'.");
            }
        }
        catch (FilterException error)
        {
            await GraphErrors.BadRequest(context, error.Message);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", query.Context(version, "users"));
            writer.WriteStartArray("value");
            long? last = null;
            var more = false;
            var written = 0;
            lock (directory.Gate)
            {
                foreach (var user in directory.Users)
                {
                    if (user.Sequence <= after || !predicate(user)) continue;
                    if (written == query.Top)
                    {
                        more = true;
                        break;
                    }

                    UserProjection.Write(writer, user, properties);
                    last = user.Sequence;
                    written++;
                }
            }

            writer.WriteEndArray();
            if (more) writer.WriteString("@odata.nextLink", query.NextLink(last!.Value.ToString(CultureInfo.InvariantCulture)));
            writer.WriteEndObject();
        }

        await WriteAsync(context, buffer);
    }

    public async Task GetAsync(HttpContext context, string version, string id, bool manager)
    {
        if (await authorizer.AuthorizeAsync(context, GraphRoles.ReadUsers) is not { } principal) return;
        var directory = registry.FindTenant(principal.TenantId)!.Directory;
        IReadOnlyList<Action<Utf8JsonWriter, DirectoryUser>> properties;
        try
        {
            properties = UserProjection.Resolve(manager ? null : ODataQuery.Parse(context.Request, 1, 1).Select);
        }
        catch (FilterException error)
        {
            await GraphErrors.BadRequest(context, error.Message);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        lock (directory.Gate)
        {
            var user = directory.FindById(id) ?? directory.FindByUserPrincipalName(null, id);
            if (manager) user = user?.ManagerId is { } managerId ? directory.FindById(managerId) : null;
            if (user is not null)
            {
                using var writer = new Utf8JsonWriter(buffer, JsonOutput.Options);
                WriteEntity(writer, user, properties, context, version, manager);
            }
        }

        if (buffer.WrittenCount == 0)
        {
            await GraphErrors.NotFound(context, $"Resource '{id}'{(manager ? "'s manager" : "")} does not exist or one of its queried reference-property objects are not present.");
            return;
        }

        await WriteAsync(context, buffer);
    }

    static void WriteEntity(Utf8JsonWriter writer, DirectoryUser user, IReadOnlyList<Action<Utf8JsonWriter, DirectoryUser>> properties,
        HttpContext context, string version, bool manager)
    {
        writer.WriteStartObject();
        writer.WriteString("@odata.context", $"{Hosting.RequestUrls.BaseOf(context.Request)}/{version}/$metadata#{(manager ? "directoryObjects" : "users")}/$entity");
        if (manager) writer.WriteString("@odata.type", "#microsoft.graph.user");
        foreach (var property in properties) property(writer, user);
        writer.WriteEndObject();
        writer.Flush();
    }

    static async Task WriteAsync(HttpContext context, ArrayBufferWriter<byte> buffer)
    {
        context.Response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
