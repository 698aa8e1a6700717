namespace EntraMesh.EndToEnd.Tests;

/// <summary>
/// Every end-to-end test class joins this collection: they share one mesh and one emulator and run one after another,
/// so the emulator's call counts belong to one test at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MeshCollection
{
    public const string Name = "mesh";
}
