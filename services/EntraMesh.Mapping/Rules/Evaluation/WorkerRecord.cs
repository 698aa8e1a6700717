using EntraMesh.Contracts;

namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>One worker's record as the rule engine sees it: the attribute bag and what the planner knows about dates.</summary>
public sealed record WorkerRecord
{
    public required string WorkerId { get; init; }

    public required string SourceId { get; init; }

    /// <summary>Attribute name to value (null when the source sent none); names are matched as the dictionary compares them.</summary>
    public required IReadOnlyDictionary<string, string?> Attributes { get; init; }

    public DateOnly? HireDate { get; init; }

    public DateOnly? TerminationDate { get; init; }

    /// <summary>The source marked the worker deleted or terminated: every target gets <c>active: false</c>.</summary>
    public bool Terminated { get; init; }

    public static WorkerRecord From(WorkerRecordAccepted accepted) => new()
    {
        WorkerId = accepted.WorkerId,
        SourceId = accepted.SourceId,
        Attributes = accepted.Attributes,
        HireDate = accepted.HireDate,
        TerminationDate = accepted.TerminationDate,
        Terminated = accepted.Terminated,
    };
}
