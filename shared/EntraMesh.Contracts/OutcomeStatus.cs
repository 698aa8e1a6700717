using System.Text.Json.Serialization;

namespace EntraMesh.Contracts;

/// <summary><c>provisioningStatusInfo.status</c> of a provisioning-log entry.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutcomeStatus>))]
public enum OutcomeStatus
{
    Success,
    Warning,
    Failure,
    Skipped,
}
