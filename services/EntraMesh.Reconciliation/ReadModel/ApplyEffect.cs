using System.Text.Json.Serialization;

namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>What an event did to the read model; every event is kept in the timeline with its effect.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplyEffect>))]
public enum ApplyEffect
{
    /// <summary>The event moved the worker or the target (or completed its step timestamps).</summary>
    Applied,

    /// <summary>The event belongs to an older revision than the one shown: kept for the record only.</summary>
    OlderRevision,

    /// <summary>Same revision, but an older change attempt than the one shown (e.g. before a replay).</summary>
    OlderAttempt,

    /// <summary>Same revision and attempt, already further along (late or duplicated event).</summary>
    AlreadyFurther,

    /// <summary>
    /// Mapping found the identity of this newer revision unchanged (<c>NoChange</c>) from the change the target shows:
    /// the target keeps that change's state, which now also stands for this revision.
    /// </summary>
    Unchanged,

    /// <summary>An internal check that found nothing to do (e.g. the stuck scan after the outcome arrived).</summary>
    NotApplicable,

    /// <summary>An operator's request recorded in the timeline (replay).</summary>
    Recorded,
}
