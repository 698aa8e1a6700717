using EntraMesh.Contracts;

namespace EntraMesh.Mapping.Tests.Support;

/// <summary>Worker records in the CSV2SCIM sample's columns, as ingest would announce them.</summary>
public static class Workers
{
    /// <summary>A unique worker id for one test (tests of a class share the service).</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>An active employee in Europe: the sample's on-premises target, OU=Europe.</summary>
    public static Dictionary<string, string?> Employee(string workerId) => new(StringComparer.Ordinal)
    {
        ["WorkerID"] = workerId,
        ["WorkerStatus"] = "Active",
        ["WorkerType"] = "Employee",
        ["UserID"] = "U" + workerId,
        ["FirstName"] = "Ginnie",
        ["LastName"] = "Fadiman",
        ["FullName"] = "Ginnie Fadiman",
        ["ManagerID"] = "1959",
        ["Department"] = "Product Engineering",
        ["Division"] = "Food",
        ["CostCenter"] = "CC3035",
        ["Company"] = "Woodgrove",
        ["Location"] = "Europe",
        ["JobTitle"] = "Project Manager",
        ["StreetAddress"] = "101 Woodgrove Way",
        ["City"] = "Frankfurt",
        ["CountryCode"] = "DE",
        ["OfficePhone"] = "259-915-1098",
        ["ZipCode"] = "79985",
    };

    public static WorkerRecordAccepted Record(
        string workerId, long revision, IReadOnlyDictionary<string, string?> attributes, DateTimeOffset receivedAt,
        DateTimeOffset? effectiveAt = null, DateOnly? hireDate = null, DateOnly? terminationDate = null, bool terminated = false,
        string sourceId = "hr") => new()
    {
        RecordId = Guid.NewGuid(),
        SourceId = sourceId,
        WorkerId = workerId,
        Revision = revision,
        ReceivedAt = receivedAt,
        EffectiveAt = effectiveAt,
        HireDate = hireDate,
        TerminationDate = terminationDate,
        Attributes = new Dictionary<string, string?>(attributes, StringComparer.Ordinal),
        Terminated = terminated,
        Channel = "webhook",
    };

    /// <summary>A copy of <paramref name="attributes"/> with one value changed.</summary>
    public static Dictionary<string, string?> With(this IReadOnlyDictionary<string, string?> attributes, string name, string? value) =>
        new(attributes, StringComparer.Ordinal) { [name] = value };
}
