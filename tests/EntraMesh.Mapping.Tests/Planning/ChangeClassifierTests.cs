using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Mapping.Planning;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Tests.Planning;

/// <summary>The classification rules on their own: previous planned identity and new identity in, change kind out.</summary>
public sealed class ChangeClassifierTests
{
    static readonly JsonObject Base = new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.CoreUser, ScimSchemas.EnterpriseUser),
        ["externalId"] = "1513",
        ["userName"] = "ginnie@contoso.com",
        ["title"] = "Project Manager",
        ["phoneNumbers"] = new JsonArray(new JsonObject { ["type"] = "work", ["value"] = "555-0100" }),
        [ScimSchemas.EnterpriseUser] = new JsonObject { ["department"] = "Sales", ["manager"] = new JsonObject { ["value"] = "1959" } },
        [ScimSchemas.EntraMeshExtension] = new JsonObject { [ScimSchemas.ParentDistinguishedName] = "OU=Europe,DC=contoso,DC=com" },
        ["active"] = true,
    };

    [Fact]
    public void First_active_identity_is_a_joiner_with_every_attribute()
    {
        var result = ChangeClassifier.Classify(null, Data(), true, []);
        Assert.Equal(ChangeKind.Joiner, result.Kind);
        Assert.Contains("userName", result.ChangedAttributes);
        Assert.Contains("active", result.ChangedAttributes);
    }

    [Fact]
    public void First_inactive_identity_is_never_provisioned() =>
        Assert.Equal(Classification.Inactive, ChangeClassifier.Classify(null, Data(d => d["active"] = false), false, []));

    [Fact]
    public void Deactivation_is_a_leaver_even_when_the_department_changes_too()
    {
        var result = ChangeClassifier.Classify(Previous(), Data(d => { d["active"] = false; d[ScimSchemas.EnterpriseUser]!["department"] = "Finance"; }), false, []);
        Assert.Equal(ChangeKind.Leaver, result.Kind);
        Assert.Equal(["active", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"], result.ChangedAttributes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reactivation_is_a_rehire() =>
        Assert.Equal(ChangeKind.Rehire, ChangeClassifier.Classify(Previous(active: false), Data(), true, []).Kind);

    [Theory]
    [InlineData("title")]
    [InlineData("department")]
    [InlineData("manager")]
    [InlineData("ou")]
    public void Title_department_manager_or_OU_make_a_mover(string what)
    {
        var data = Data(d =>
        {
            switch (what)
            {
                case "title": d["title"] = "Director"; break;
                case "department": d[ScimSchemas.EnterpriseUser]!["department"] = "Finance"; break;
                case "manager": d[ScimSchemas.EnterpriseUser]!["manager"]!["value"] = "2000"; break;
                default: d[ScimSchemas.EntraMeshExtension]![ScimSchemas.ParentDistinguishedName] = "OU=APAC,DC=contoso,DC=com"; break;
            }
        });
        Assert.Equal(ChangeKind.Mover, ChangeClassifier.Classify(Previous(), data, true, []).Kind);
    }

    [Fact]
    public void Any_other_difference_is_an_update_and_none_is_no_change()
    {
        var update = ChangeClassifier.Classify(Previous(), Data(d => d["phoneNumbers"]![0]!["value"] = "555-0199"), true, []);
        Assert.Equal((ChangeKind.Update, "phoneNumbers[type eq \"work\"].value"), (update.Kind, Assert.Single(update.ChangedAttributes)));
        Assert.Equal(Classification.NoChange, ChangeClassifier.Classify(Previous(), Data(), true, []));
    }

    [Fact]
    public void Attributes_applied_only_at_creation_do_not_count_as_changes()
    {
        var result = ChangeClassifier.Classify(Previous(), Data(d => d["userName"] = "ginnie2@contoso.com"), true, ["userName"]);
        Assert.Equal(Classification.NoChange, result);
    }

    [Fact]
    public void Data_of_an_update_leaves_out_attributes_applied_only_at_creation_and_a_joiner_keeps_them()
    {
        var data = Data(d => d["urn:ietf:params:scim:schemas:extension:contoso:1.0:User"] = new JsonObject { ["Badge"] = "B1" });
        ((JsonArray)data["schemas"]!).Add("urn:ietf:params:scim:schemas:extension:contoso:1.0:User");
        string[] creationOnly = ["userName", "phoneNumbers[type eq \"work\"].value", "urn:ietf:params:scim:schemas:extension:contoso:1.0:User:Badge"];

        var update = SentData.For(ChangeKind.Update, data, creationOnly);
        Assert.Null(update["userName"]);
        Assert.Null(update["phoneNumbers"]);
        Assert.Null(update["urn:ietf:params:scim:schemas:extension:contoso:1.0:User"]);
        Assert.Equal([ScimSchemas.CoreUser, ScimSchemas.EnterpriseUser, ScimSchemas.EntraMeshExtension], update["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("Project Manager", update["title"]!.GetValue<string>());

        var joiner = SentData.For(ChangeKind.Joiner, data, creationOnly);
        Assert.Equal(data.ToJsonString(), joiner.ToJsonString());
        Assert.NotNull(data["userName"]);
    }

    static JsonObject Data(Action<JsonObject>? change = null)
    {
        var data = (JsonObject)Base.DeepClone();
        ((JsonArray)data["schemas"]!).Add(ScimSchemas.EntraMeshExtension);
        change?.Invoke(data);
        return data;
    }

    static PlannedIdentity Previous(bool active = true) => new()
    {
        Target = "ad",
        Data = Data(d => d["active"] = active),
        Active = active,
        Revision = 1,
        RecordId = Guid.NewGuid(),
        ChangeId = Guid.NewGuid(),
        Kind = active ? ChangeKind.Joiner : ChangeKind.Leaver,
        PlannedAt = DateTimeOffset.UnixEpoch,
        RuleSetVersion = "1",
    };
}
