using System.Text.Json.Serialization;

namespace EntraMesh.Contracts;

/// <summary>Why mapping sent nothing for a record.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SkipReason>))]
public enum SkipReason
{
    /// <summary>The identity that would be sent equals the last one planned.</summary>
    NoChange,

    /// <summary>No target's scoping filters take the worker.</summary>
    OutOfScope,

    /// <summary>A newer revision of the worker was already planned.</summary>
    Stale,

    /// <summary>Effective in the future; held until <see cref="IdentityChangeSkipped.HeldUntil"/>.</summary>
    Held,

    /// <summary>The rules could not be evaluated for the record; <see cref="IdentityChangeSkipped.Detail"/> says why.</summary>
    Invalid,
}
