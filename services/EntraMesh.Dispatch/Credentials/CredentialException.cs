namespace EntraMesh.Dispatch.Credentials;

/// <summary>A target's credential is missing or unreadable; the message names the setting and holds no secret.</summary>
public sealed class CredentialException(string message) : Exception(message);
