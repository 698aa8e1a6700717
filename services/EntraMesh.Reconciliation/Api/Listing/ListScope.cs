namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>What a list's rows are: workers (overall state) or worker-and-target lanes.</summary>
public enum ListScope
{
    Workers,
    Targets,
}
