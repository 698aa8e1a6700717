namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>
/// One user of a bulk request as parsed: the attributes that were present (absent ones leave the target unchanged,
/// null clears), the manager reference, and the names of attributes the job's schema does not know.
/// </summary>
public sealed class ScimUser
{
    public string ExternalId { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary><c>active</c> when present.</summary>
    public bool? Active { get; set; }

    /// <summary>True when the enterprise <c>manager</c> attribute was present (its value may be null: clear the manager).</summary>
    public bool HasManager { get; set; }

    /// <summary><c>manager.value</c>: the manager's externalId.</summary>
    public string? ManagerExternalId { get; set; }

    /// <summary>Present attributes by canonical path (<see cref="ScimPaths"/> or a custom <c>urn:…:Name</c>), in order.</summary>
    public List<ScimValue> Values { get; } = new(24);

    /// <summary>Attributes the job's schema does not know, as sent; processing fails the user naming them.</summary>
    public List<string>? UnknownAttributes { get; set; }

    public void AddUnknown(string name) => (UnknownAttributes ??= []).Add(name);
}
