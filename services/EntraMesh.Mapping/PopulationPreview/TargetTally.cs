using EntraMesh.Contracts;
using EntraMesh.Mapping.Planning;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>The counts and samples of one target in a population preview.</summary>
internal sealed class TargetTally(int samples)
{
    readonly Dictionary<ChangeKind, int> kinds = [];
    readonly Dictionary<string, int> attributes = new(StringComparer.Ordinal);
    readonly Dictionary<ChangeKind, SampleBucket<ChangeSampleResponse>> buckets = [];

    public void Add(WorkerKey worker, PreviewChange change)
    {
        kinds[change.Kind] = kinds.GetValueOrDefault(change.Kind) + 1;
        foreach (var attribute in change.ChangedAttributes) attributes[attribute] = attributes.GetValueOrDefault(attribute) + 1;
        Bucket(change.Kind).Add(worker, () => new ChangeSampleResponse(worker.SourceId, worker.WorkerId, change.Kind, change.ChangedAttributes, change.Values));
    }

    public void Merge(TargetTally other)
    {
        foreach (var (kind, count) in other.kinds) kinds[kind] = kinds.GetValueOrDefault(kind) + count;
        foreach (var (attribute, count) in other.attributes) attributes[attribute] = attributes.GetValueOrDefault(attribute) + count;
        foreach (var (kind, bucket) in other.buckets) Bucket(kind).Merge(bucket);
    }

    public TargetChangesResponse ToResponse(string target) => new(
        target,
        kinds.OrderBy(k => k.Key).ToDictionary(k => k.Key, k => k.Value),
        attributes.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        buckets.OrderBy(b => b.Key).ToDictionary(b => b.Key, b => b.Value.Samples));

    SampleBucket<ChangeSampleResponse> Bucket(ChangeKind kind)
    {
        if (!buckets.TryGetValue(kind, out var bucket)) buckets[kind] = bucket = new SampleBucket<ChangeSampleResponse>(samples);
        return bucket;
    }
}
