using System.Text.Json.Serialization;

namespace EntraMesh.Contracts;

/// <summary>Order in which dispatch sends pending changes: lower values go first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangePriority>))]
public enum ChangePriority
{
    Leaver = 0,
    Joiner = 1,
    Mover = 2,
    Update = 3,
}

public static class ChangePriorities
{
    /// <summary>Leaver first, then Joiner and Rehire, then Mover, then Update.</summary>
    public static ChangePriority For(ChangeKind kind) => kind switch
    {
        ChangeKind.Leaver => ChangePriority.Leaver,
        ChangeKind.Joiner or ChangeKind.Rehire => ChangePriority.Joiner,
        ChangeKind.Mover => ChangePriority.Mover,
        ChangeKind.Update => ChangePriority.Update,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown change kind"),
    };
}
