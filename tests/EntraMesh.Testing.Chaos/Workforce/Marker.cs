using System.Globalization;

namespace EntraMesh.Testing.Chaos.Workforce;

/// <summary>
/// Every new record of a worker carries its record number in OfficePhone (<c>555-0007</c>), which both targets map
/// (businessPhones in Entra ID, telephoneNumber in AD). So the value a user holds in the emulator's directory, or a
/// provisioning-log entry wrote, says exactly which record it came from: an older record applied after a newer one shows.
/// </summary>
public static class Marker
{
    const string Prefix = "555-";

    public static string For(int sequence) => Prefix + sequence.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The record number in a phone value, or null when the value is not a marker.</summary>
    public static int? Parse(string? value)
    {
        if (value is null) return null;
        var text = value.Trim().Trim('[', ']', '"');
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : null;
    }
}
