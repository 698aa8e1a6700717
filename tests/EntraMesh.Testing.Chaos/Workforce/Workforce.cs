using System.Globalization;
using EntraMesh.Launcher.Sample;

namespace EntraMesh.Testing.Chaos.Workforce;

/// <summary>
/// The simulated HR system: a generated population in Microsoft's CSV2SCIM format (the launcher's <see cref="Population"/>)
/// and the changes a day of HR work makes to it: updates, movers (title, department, location and so OU, manager), leavers,
/// deletions, rehires and unchanged re-deliveries. Deterministic for a seed. Thread-safe.
/// </summary>
public sealed class Workforce
{
    static readonly string[] Titles = ["Analyst", "Engineer", "Senior Engineer", "Team Lead", "Consultant", "Coordinator"];
    static readonly string[] Departments = ["Sales", "Product Engineering", "Finance", "Operations", "Marketing", "Support"];
    static readonly (string Location, string City, string Country)[] Places =
        [("Europe", "Frankfurt", "DE"), ("Asia Pacific", "Singapore", "SG"), ("North America", "Chicago", "US"), ("Remote", "Lisbon", "PT")];

    readonly Lock gate = new();
    readonly Random random;
    readonly List<HrWorker> workers;
    readonly Dictionary<string, HrWorker> byId;
    readonly string run;
    int nextEvent;

    public Workforce(int size, int seed)
    {
        random = new Random(seed);
        run = Guid.NewGuid().ToString("N")[..8];
        var population = new Population(size, seed);
        var managers = population.Rows.Select(row => row["ManagerID"]).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        workers = population.Rows.Select(row => new HrWorker
        {
            Id = row["WorkerID"],
            Type = row["WorkerType"],
            IsManager = managers.Contains(row["WorkerID"]),
            Row = row.ToDictionary(pair => pair.Key, pair => pair.Value.Length == 0 ? null : (string?)pair.Value),
        }).ToList();
        byId = workers.ToDictionary(worker => worker.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<HrWorker> Workers => workers;

    public HrWorker? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>Everyone's first record (the initial import); every worker is busy until <see cref="Release"/>.</summary>
    public IReadOnlyList<(HrWorker Worker, SentRecord Record)> Hire()
    {
        lock (gate)
        {
            return workers.Select(worker =>
            {
                worker.Busy = true;
                return (worker, NewRecord(worker, RecordIntent.Hire, "csv"));
            }).ToList();
        }
    }

    /// <summary>Up to <paramref name="count"/> idle workers with their next change, for a webhook; they are busy until released.</summary>
    public IReadOnlyList<(HrWorker Worker, SentRecord Record)> NextChanges(int count)
    {
        lock (gate)
        {
            return PickIdle(count, _ => true).Select(worker =>
            {
                worker.Busy = true;
                return (worker, Change(worker, channel: "webhook"));
            }).ToList();
        }
    }

    /// <summary>
    /// Rows for a CSV import: idle workers not deleted by the source (a CSV row cannot say "deleted"), about half of them
    /// unchanged (a daily file re-delivering what HR already sent), the others with a new change.
    /// </summary>
    public IReadOnlyList<(HrWorker Worker, SentRecord Record)> NextImport(int count)
    {
        lock (gate)
        {
            return PickIdle(count, worker => !worker.Deleted).Select(worker =>
            {
                worker.Busy = true;
                var record = random.NextDouble() < 0.5 && worker.Records.Count > 0
                    ? NewRecord(worker, RecordIntent.Redelivery, "csv", sameSequence: true)
                    : Change(worker, channel: "csv");
                return (worker, record);
            }).ToList();
        }
    }

    public void Release(HrWorker worker)
    {
        lock (gate) worker.Busy = false;
    }

    List<HrWorker> PickIdle(int count, Func<HrWorker, bool> eligible)
    {
        var idle = workers.Where(worker => !worker.Busy && eligible(worker)).ToList();
        var picked = new List<HrWorker>(Math.Min(count, idle.Count));
        while (picked.Count < count && idle.Count > 0)
        {
            var index = random.Next(idle.Count);
            picked.Add(idle[index]);
            idle[index] = idle[^1];
            idle.RemoveAt(idle.Count - 1);
        }

        return picked;
    }

    SentRecord Change(HrWorker worker, string channel)
    {
        if (!worker.Active)
        {
            if (random.NextDouble() < 0.6 || (worker.Deleted && channel == "csv"))
            {
                worker.Row["WorkerStatus"] = "Active";
                worker.Deleted = false;
                return NewRecord(worker, RecordIntent.Rehire, channel);
            }

            return NewRecord(worker, RecordIntent.Update, channel);
        }

        var draw = random.NextDouble();
        if (!worker.IsManager && draw < 0.12)
        {
            worker.Row["WorkerStatus"] = "Inactive";
            return NewRecord(worker, RecordIntent.Leave, channel);
        }

        if (!worker.IsManager && draw < 0.17 && channel == "webhook")
        {
            worker.Deleted = true;
            return NewRecord(worker, RecordIntent.Terminate, channel);
        }

        if (draw < 0.50)
        {
            Move(worker);
            return NewRecord(worker, RecordIntent.Move, channel);
        }

        worker.Row[random.NextDouble() < 0.5 ? "ZipCode" : "StreetAddress"] = random.NextDouble() < 0.5
            ? random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture)
            : $"{random.Next(1, 999)} Woodgrove Way";
        return NewRecord(worker, RecordIntent.Update, channel);
    }

    void Move(HrWorker worker)
    {
        switch (random.Next(worker.IsManager ? 3 : 4))
        {
            case 0:
                worker.Row["JobTitle"] = Titles[random.Next(Titles.Length)];
                break;
            case 1:
                var department = Departments[random.Next(Departments.Length)];
                worker.Row["Department"] = department;
                worker.Row["Division"] = department == "Sales" ? "Electronics" : "Food";
                break;
            case 2:
                var place = Places[random.Next(Places.Length)];
                worker.Row["Location"] = place.Location;
                worker.Row["City"] = place.City;
                worker.Row["CountryCode"] = place.Country;
                break;
            default:
                var managers = workers.Where(other => other.IsManager && other.Type == worker.Type && other.Id != worker.Id).ToList();
                if (managers.Count > 0) worker.Row["ManagerID"] = managers[random.Next(managers.Count)].Id;
                break;
        }
    }

    SentRecord NewRecord(HrWorker worker, RecordIntent intent, string channel, bool sameSequence = false)
    {
        if (!sameSequence) worker.Sequence++;
        worker.Row["OfficePhone"] = Marker.For(worker.Sequence);
        var record = new SentRecord
        {
            Sequence = worker.Sequence,
            EventId = channel == "webhook" ? $"chaos-{run}-{++nextEvent}" : null,
            Attributes = new Dictionary<string, string?>(worker.Row),
            Deleted = worker.Deleted,
            Intent = intent,
            Channel = channel,
        };
        worker.Records.Add(record);
        return record;
    }
}
