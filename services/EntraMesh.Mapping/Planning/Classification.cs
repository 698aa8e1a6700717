using EntraMesh.Contracts;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// What one record means for one target: the change to send (<see cref="Kind"/>), or none - nothing differs, or the
/// worker is inactive and was never provisioned there (<see cref="NeverProvisioned"/>).
/// </summary>
public sealed record Classification(ChangeKind? Kind, IReadOnlyList<string> ChangedAttributes, bool NeverProvisioned = false)
{
    public static Classification NoChange { get; } = new(null, []);

    public static Classification Inactive { get; } = new(null, [], NeverProvisioned: true);
}
