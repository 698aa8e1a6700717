namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>The multi-valued complex attributes of core User the emulator maps.</summary>
internal enum MultiValuedKind
{
    Emails,
    PhoneNumbers,
    Addresses,
}
