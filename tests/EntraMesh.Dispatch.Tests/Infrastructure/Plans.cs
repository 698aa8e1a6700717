using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Scim;

namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>Planned changes as mapping would publish them (synthetic workers, no real personal data).</summary>
internal static class Plans
{
    public const string Source = "hr-test";

    public static IdentityChangePlanned Planned(
        string workerId, long revision, ChangeKind kind = ChangeKind.Update, string target = "cloud", string? userName = null,
        string? managerId = null, Action<JsonObject>? shape = null)
    {
        var data = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.CoreUser, ScimSchemas.EnterpriseUser),
            ["externalId"] = workerId,
            ["userName"] = userName ?? $"w{workerId}@contoso.test",
            ["displayName"] = $"Worker {workerId} r{revision}",
            ["name"] = new JsonObject { ["givenName"] = "Worker", ["familyName"] = workerId },
            ["active"] = kind != ChangeKind.Leaver,
            [ScimSchemas.EnterpriseUser] = managerId is null
                ? new JsonObject { ["employeeNumber"] = workerId, ["department"] = $"Dept {revision}" }
                : new JsonObject { ["employeeNumber"] = workerId, ["department"] = $"Dept {revision}", ["manager"] = new JsonObject { ["value"] = managerId } },
        };
        shape?.Invoke(data);
        return new IdentityChangePlanned
        {
            ChangeId = Guid.NewGuid(),
            RecordId = Guid.NewGuid(),
            SourceId = Source,
            WorkerId = workerId,
            Revision = revision,
            Target = target,
            ChangeKind = kind,
            Priority = ChangePriorities.For(kind),
            Data = data,
            ChangedAttributes = ["displayName"],
            PlannedAt = DateTimeOffset.UtcNow,
        };
    }
}
