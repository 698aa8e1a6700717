namespace EntraMesh.Testing.Chaos.Reporting;

/// <summary>The names of what a chaos run proves; <see cref="ChaosReport.Findings"/> is keyed by them.</summary>
public static class Checks
{
    public const string LostOrStale = "every accepted record reached Entra with its latest values";
    public const string Backwards = "no worker's state went backwards";
    public const string AppliedTwice = "no operation was applied twice in a way that changed the result";
    public const string Unexplained = "reconciliation shows every worker succeeded or explains why not";
    public const string Delivery = "ingest accepted every record the HR system sent";
    public const string Settled = "the mesh settled after the chaos";
    public const string Chaos = "every disruption happened and everything came back";
    public const string Poison = "no message ended in an error queue";

    public static readonly string[] All = [LostOrStale, Backwards, AppliedTwice, Unexplained, Delivery, Settled, Chaos, Poison];
}
