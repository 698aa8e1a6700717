using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Serialization;

namespace EntraMesh.Contracts.Tests;

public sealed class EventWireFormatTests
{
    static readonly Type[] EventTypes = typeof(WorkerRecordAccepted).Assembly.GetExportedTypes()
        .Where(type => type.GetCustomAttribute<MessageUrnAttribute>() is not null)
        .ToArray();

    public static TheoryData<string> EventNames() => new(SampleEvents.All().Select(e => e.GetType().Name));

    [Fact]
    public void Every_event_of_the_architecture_exists_with_a_sample()
    {
        string[] expected =
        [
            "WorkerRecordAccepted", "IdentityChangePlanned", "IdentityChangeSkipped", "IdentityChangeQueued",
            "ProvisioningSubmitted", "ProvisioningRejected", "ProvisioningOutcomeObserved", "ReplayWorkerRequested",
        ];
        Assert.Equal(expected.Order(), EventTypes.Select(t => t.Name).Order());
        Assert.Equal(expected.Order(), SampleEvents.All().Select(e => e.GetType().Name).Order());
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Event_is_a_sealed_record_with_required_init_only_properties(string name)
    {
        var type = EventTypes.Single(t => t.Name == name);
        Assert.True(type.IsSealed);
        Assert.NotNull(type.GetMethod("<Clone>$"));   // a record
        foreach (var property in type.GetProperties())
        {
            var setter = property.SetMethod;
            Assert.NotNull(setter);
            Assert.Contains(setter!.ReturnParameter.GetRequiredCustomModifiers(), m => m.Name == "IsExternalInit");
        }

        Assert.Contains(type.GetProperties(), p => p.Name == "WorkerId" || p.Name == "Operations");
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Event_survives_MassTransit_serialisation_unchanged(string name)
    {
        var original = SampleEvents.All().Single(e => e.GetType().Name == name);
        AssertEveryPropertyIsSet(original);

        var json = JsonSerializer.Serialize(original, original.GetType(), SystemTextJsonMessageSerializer.Options);
        var copy = JsonSerializer.Deserialize(json, original.GetType(), SystemTextJsonMessageSerializer.Options)!;
        var again = JsonSerializer.Serialize(copy, copy.GetType(), SystemTextJsonMessageSerializer.Options);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(again)), $"{name} changed in a round trip:\n{json}\n{again}");
        // JSON values are compared as JSON; everything else member by member.
        var jsonProperties = original.GetType().GetProperties().Where(p => typeof(JsonNode).IsAssignableFrom(p.PropertyType)).ToArray();
        foreach (var property in jsonProperties)
        {
            Assert.True(JsonNode.DeepEquals((JsonNode?)property.GetValue(original), (JsonNode?)property.GetValue(copy)), $"{name}.{property.Name} changed");
        }

        Assert.EquivalentWithExclusions(original, copy, strict: true, jsonProperties.Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Enums_travel_as_names_not_numbers()
    {
        var planned = SampleEvents.All().OfType<IdentityChangePlanned>().Single();
        var json = JsonNode.Parse(JsonSerializer.Serialize(planned, SystemTextJsonMessageSerializer.Options))!;
        Assert.Equal("Mover", json["changeKind"]!.GetValue<string>());
        Assert.Equal("Mover", json["priority"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(typeof(WorkerRecordAccepted), "urn:message:entramesh:worker-record-accepted", "entramesh.worker-record-accepted")]
    [InlineData(typeof(IdentityChangePlanned), "urn:message:entramesh:identity-change-planned", "entramesh.identity-change-planned")]
    [InlineData(typeof(IdentityChangeSkipped), "urn:message:entramesh:identity-change-skipped", "entramesh.identity-change-skipped")]
    [InlineData(typeof(IdentityChangeQueued), "urn:message:entramesh:identity-change-queued", "entramesh.identity-change-queued")]
    [InlineData(typeof(ProvisioningSubmitted), "urn:message:entramesh:provisioning-submitted", "entramesh.provisioning-submitted")]
    [InlineData(typeof(ProvisioningRejected), "urn:message:entramesh:provisioning-rejected", "entramesh.provisioning-rejected")]
    [InlineData(typeof(ProvisioningOutcomeObserved), "urn:message:entramesh:provisioning-outcome-observed", "entramesh.provisioning-outcome-observed")]
    [InlineData(typeof(ReplayWorkerRequested), "urn:message:entramesh:replay-worker-requested", "entramesh.replay-worker-requested")]
    public void Wire_names_are_frozen(Type type, string urn, string exchange)
    {
        Assert.Equal(urn, MessageUrn.ForTypeString(type));
        Assert.Equal(exchange, type.GetCustomAttribute<EntityNameAttribute>()!.EntityName);
    }

    [Theory]
    [InlineData(ChangeKind.Leaver, ChangePriority.Leaver)]
    [InlineData(ChangeKind.Joiner, ChangePriority.Joiner)]
    [InlineData(ChangeKind.Rehire, ChangePriority.Joiner)]
    [InlineData(ChangeKind.Mover, ChangePriority.Mover)]
    [InlineData(ChangeKind.Update, ChangePriority.Update)]
    public void Leavers_come_first_then_joiners_and_rehires_then_movers_then_updates(ChangeKind kind, ChangePriority expected)
    {
        Assert.Equal(expected, ChangePriorities.For(kind));
        Assert.True(ChangePriority.Leaver < ChangePriority.Joiner && ChangePriority.Joiner < ChangePriority.Mover && ChangePriority.Mover < ChangePriority.Update);
    }

    static void AssertEveryPropertyIsSet(object value)
    {
        foreach (var property in value.GetType().GetProperties())
        {
            var propertyValue = property.GetValue(value);
            Assert.False(propertyValue is null, $"{value.GetType().Name}.{property.Name} is not set in the sample");
            if (property.PropertyType.IsValueType)
            {
                Assert.False(Equals(propertyValue, Activator.CreateInstance(property.PropertyType)) && property.PropertyType != typeof(bool) && !property.PropertyType.IsEnum,
                    $"{value.GetType().Name}.{property.Name} has its default value in the sample");
            }
        }
    }
}
