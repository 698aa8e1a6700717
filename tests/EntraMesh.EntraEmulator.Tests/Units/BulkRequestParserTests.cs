using System.Text;
using EntraMesh.EntraEmulator.BulkUpload;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.Scim;

namespace EntraMesh.EntraEmulator.Tests.Units;

/// <summary>The bulk request parser on its own.</summary>
public sealed class BulkRequestParserTests
{
    static readonly JobSchema OnPremises = JobSchema.For(new ProvisioningAppOptions { Target = ProvisioningTarget.OnPremises });

    static readonly JobSchema Csv = JobSchema.For(new ProvisioningAppOptions
    {
        CustomSchemas = [new CustomSchemaOptions { Namespace = "urn:ietf:params:scim:schemas:extension:csv:1.0:User", Attributes = ["HireDate", "JobCode"] }],
    });

    [Fact]
    public void The_on_premises_schema_knows_EntraMeshs_OU_attribute_without_configuration()
    {
        var user = ParseOne(OnPremises, Scim.Worker("1").With(ScimSchemas.EntraMeshExtension, new() { ["PARENTDISTINGUISHEDNAME"] = "OU=Users,DC=contoso,DC=com" }).ToJsonString());

        Assert.Null(user.UnknownAttributes);
        var value = Assert.Single(user.Values, value => value.Custom is not null);
        Assert.Equal("parentDistinguishedName", value.Custom!.Target);
        Assert.Equal("OU=Users,DC=contoso,DC=com", value.Value);
    }

    [Fact]
    public void Unknown_attributes_are_collected_for_the_user_not_rejected()
    {
        var user = ParseOne(Csv, Scim.Worker("1")
            .With("urn:ietf:params:scim:schemas:extension:csv:1.0:User", new() { ["jobcode"] = "A1", ["Shoe"] = "44" })
            .With("urn:example:unknown", new() { ["x"] = "y" }).ToJsonString());

        Assert.Equal(["urn:ietf:params:scim:schemas:extension:csv:1.0:User:Shoe", "urn:example:unknown:x"], user.UnknownAttributes);
        Assert.Contains(user.Values, value => value.Path == "urn:ietf:params:scim:schemas:extension:csv:1.0:User:JobCode" && value.Value == "A1");
    }

    [Fact]
    public void Only_the_first_work_email_phone_and_address_are_mapped_and_null_clears()
    {
        var user = ParseOne(Csv, """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId":"1","title":null,
             "emails":[{"value":"home@x.com","type":"home"},{"value":"work@x.com","type":"work"},{"value":"work2@x.com","type":"work"}],
             "phoneNumbers":[{"value":"1","type":"mobile"},{"value":"2","type":"WORK"}],
             "addresses":[{"type":"work","locality":"Dallas","country":"US","primary":true}]}
            """);

        Assert.Equal("work@x.com", user.Values.Single(value => value.Path == ScimPaths.WorkEmail).Value);
        Assert.Equal("1", user.Values.Single(value => value.Path == ScimPaths.MobilePhone).Value);
        Assert.Equal("2", user.Values.Single(value => value.Path == ScimPaths.WorkPhone).Value);
        Assert.Equal("Dallas", user.Values.Single(value => value.Path == ScimPaths.WorkLocality).Value);
        Assert.DoesNotContain(user.Values, value => value.Path == ScimPaths.WorkPostalCode);
        Assert.Contains(user.Values, value => value.Path == ScimPaths.Title && value.Value is null);
    }

    [Fact]
    public void The_operation_limit_can_be_switched_off()
    {
        var body = Encoding.UTF8.GetBytes(Scim.Bulk(Enumerable.Range(0, 60).Select(i => Scim.Worker(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()));

        Assert.Equal(60, BulkRequestParser.Parse(body, Csv, maxOperations: 0).Count);
        Assert.Equal("Operations", Assert.Throws<BulkRequestException>(() => BulkRequestParser.Parse(body, Csv, maxOperations: 50)).Field);
    }

    static ScimUser ParseOne(JobSchema schema, string user) =>
        Assert.Single(BulkRequestParser.Parse(Encoding.UTF8.GetBytes(
            $"{{\"schemas\":[\"{ScimSchemas.BulkRequest}\"],\"Operations\":[{{\"method\":\"POST\",\"bulkId\":\"b\",\"path\":\"/Users\",\"data\":{user}}}]}}"), schema, 50)).User;
}
