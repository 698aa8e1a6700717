using EntraMesh.Mapping.Planning;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>
/// Keeps the samples of the <c>capacity</c> smallest worker keys, so that a preview evaluated in parallel shows the same
/// samples every time.
/// </summary>
internal sealed class SampleBucket<T>(int capacity)
{
    readonly List<(WorkerKey Key, T Sample)> samples = [];

    public void Add(WorkerKey key, Func<T> sample)
    {
        if (capacity == 0) return;
        if (samples.Count == capacity && key.CompareTo(samples[^1].Key) >= 0) return;
        var index = samples.FindIndex(s => key.CompareTo(s.Key) < 0);
        samples.Insert(index < 0 ? samples.Count : index, (key, sample()));
        if (samples.Count > capacity) samples.RemoveAt(samples.Count - 1);
    }

    public void Merge(SampleBucket<T> other)
    {
        foreach (var (key, sample) in other.samples) Add(key, () => sample);
    }

    public IReadOnlyList<T> Samples => samples.Select(s => s.Sample).ToList();
}
