using System.Text.Json.Serialization;

namespace EntraMesh.Contracts;

/// <summary>What a planned change does to an identity in one target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    Joiner,
    Mover,
    Leaver,
    Rehire,
    Update,
}
