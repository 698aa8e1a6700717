namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>What makes a request hostile (issue 10's list).</summary>
public enum HostileCategory
{
    Malformed,
    Oversized,
    Unsigned,
    Replayed,
    WronglyEncoded,
    Injection,
}
