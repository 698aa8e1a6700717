namespace EntraMesh.Mapping.Holding;

/// <summary>Why a worker's change waits for a date.</summary>
public enum HoldReason
{
    /// <summary>The record's effective date lies in the future.</summary>
    EffectiveDate,

    /// <summary>A joiner or rehire whose hire date minus the pre-hire window lies in the future.</summary>
    PreHire,

    /// <summary>A termination dated in the future: the current state was planned, the leaver waits for that day.</summary>
    Termination,
}
