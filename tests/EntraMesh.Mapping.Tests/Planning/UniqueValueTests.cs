using EntraMesh.Contracts;
using EntraMesh.Mapping.Tests.Support;

namespace EntraMesh.Mapping.Tests.Planning;

/// <summary>
/// SelectUniqueValue backed by mapping's own table of claimed values, and attributes applied only at creation
/// (<c>applyOn: creation</c>): sent with joiners and rehires, left out of every other change.
/// </summary>
public sealed class UniqueValueTests(UniqueValueTests.Fixture mapping) : IClassFixture<UniqueValueTests.Fixture>
{
    const string Rules = """
        version: "unique-1"
        targets:
          - name: cloud
            kind: cloud
            active: 'ToLower([Status]) = "active"'
            mappings:
              externalId: "[WorkerID]"
              userName:
                expression: 'SelectUniqueValue(Join("@", Join(".", [FirstName], [LastName]), "contoso.com"), Join("@", Join(".", [FirstName], [LastName], [WorkerID]), "contoso.com"))'
                applyOn: creation
              displayName: 'Join(" ", [FirstName], [LastName])'
              title: "[Title]"
        """;

    DateTimeOffset Now => mapping.Clock.GetUtcNow();

    [Fact]
    public async Task Workers_with_the_same_name_get_different_values_compared_without_regard_to_case()
    {
        var surname = "Smith" + Guid.NewGuid().ToString("N")[..6];
        var first = Workers.NewId("unique");
        var second = Workers.NewId("unique");
        await mapping.Bus.PublishAsync(Workers.Record(first, 1, Person(first, "John", surname), Now));
        await mapping.Bus.WaitForAsync(first, 1);
        await mapping.Bus.PublishAsync(Workers.Record(second, 1, Person(second, "JOHN", surname.ToUpperInvariant()), Now));
        await mapping.Bus.WaitForAsync(second, 1);

        Assert.Equal($"John.{surname}@contoso.com", UserName(Assert.Single(mapping.Bus.PlannedFor(first))));
        Assert.Equal($"JOHN.{surname.ToUpperInvariant()}.{second}@contoso.com", UserName(Assert.Single(mapping.Bus.PlannedFor(second))));
        Assert.Equal(1, await mapping.CountAsync(
            $"SELECT count(*) FROM mapping.unique_value WHERE target = 'cloud' AND attribute = 'userName' AND value_key = 'john.{surname.ToLowerInvariant()}@contoso.com' AND worker_id = '{first}'"));
        Assert.Equal(1, await mapping.CountAsync($"SELECT count(*) FROM mapping.unique_value WHERE worker_id = '{second}'"));
    }

    [Fact]
    public async Task Creation_only_value_is_sent_with_the_joiner_kept_by_its_worker_and_left_out_of_later_changes()
    {
        var surname = "Jones" + Guid.NewGuid().ToString("N")[..6];
        var worker = Workers.NewId("creation");
        var person = Person(worker, "Mary", surname);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, person, Now));
        await mapping.Bus.WaitForAsync(worker, 1);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, person.With("Title", "Director"), Now));
        await mapping.Bus.WaitForAsync(worker, 2);

        var (joiner, update) = (mapping.Bus.PlannedFor(worker)[0], mapping.Bus.PlannedFor(worker)[1]);
        Assert.Equal($"Mary.{surname}@contoso.com", UserName(joiner));
        Assert.Contains("userName", joiner.ChangedAttributes);
        Assert.Equal(ChangeKind.Mover, update.ChangeKind);
        Assert.Null(update.Data["userName"]);
        Assert.Equal(["title"], update.ChangedAttributes);
        Assert.Equal(1, await mapping.CountAsync($"SELECT count(*) FROM mapping.unique_value WHERE worker_id = '{worker}'"));

        await mapping.Bus.PublishAsync(Workers.Record(worker, 3, person.With("Title", "Director").With("Status", "Inactive"), Now));
        await mapping.Bus.PublishAsync(Workers.Record(worker, 4, person.With("Title", "Director"), Now));
        await mapping.Bus.WaitForAsync(worker, 4);
        var (leaver, rehire) = (mapping.Bus.PlannedFor(worker)[2], mapping.Bus.PlannedFor(worker)[3]);
        Assert.Equal((ChangeKind.Leaver, ChangeKind.Rehire), (leaver.ChangeKind, rehire.ChangeKind));
        Assert.Null(leaver.Data["userName"]);
        Assert.Equal($"Mary.{surname}@contoso.com", UserName(rehire));
    }

    static Dictionary<string, string?> Person(string worker, string first, string last) => new(StringComparer.Ordinal)
    {
        ["WorkerID"] = worker, ["Status"] = "Active", ["FirstName"] = first, ["LastName"] = last, ["Title"] = "Engineer",
    };

    static string UserName(IdentityChangePlanned change) => change.Data["userName"]!.GetValue<string>();

    public sealed class Fixture : PlanningFixture
    {
        readonly string path = Path.Combine(Path.GetTempPath(), $"unique-rules-{Guid.NewGuid():N}.yaml");

        public Fixture() => File.WriteAllText(path, Rules);

        protected override string RulesPath => path;

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(path);
        }
    }
}
