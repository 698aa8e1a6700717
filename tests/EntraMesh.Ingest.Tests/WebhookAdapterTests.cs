using System.Text;
using EntraMesh.Ingest.Webhooks;
using Microsoft.AspNetCore.Http;

namespace EntraMesh.Ingest.Tests;

/// <summary>The adapters' signature checks and parsing, as pure logic.</summary>
public sealed class WebhookAdapterTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly byte[][] Secrets = [Encoding.UTF8.GetBytes("new-secret"), Encoding.UTF8.GetBytes("old-secret")];
    const string Body = "{\"records\":[]}";

    [Fact]
    public void EntraMesh_signature_accepts_any_of_several_v1_values_and_any_configured_secret()
    {
        var t = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headers = new HeaderDictionary { ["X-EntraMesh-Signature"] = $"t={t},v1={new string('0', 64)},v1={Signing.Hex("old-secret", t + "." + Body)}" };

        var check = new EntraMeshWebhookAdapter().Verify(headers, Encoding.UTF8.GetBytes(Body), Secrets, Now, TimeSpan.FromMinutes(5));

        Assert.True(check.Valid);
    }

    [Fact]
    public void EntraMesh_signature_at_the_edge_of_the_window_is_accepted_and_just_outside_is_refused()
    {
        var adapter = new EntraMeshWebhookAdapter();
        HeaderDictionary At(DateTimeOffset at)
        {
            var t = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new HeaderDictionary { ["X-EntraMesh-Signature"] = $"t={t},v1={Signing.Hex("new-secret", t + "." + Body)}" };
        }

        Assert.True(adapter.Verify(At(Now.AddMinutes(-5)), Encoding.UTF8.GetBytes(Body), Secrets, Now, TimeSpan.FromMinutes(5)).Valid);
        Assert.False(adapter.Verify(At(Now.AddMinutes(-5).AddSeconds(-1)), Encoding.UTF8.GetBytes(Body), Secrets, Now, TimeSpan.FromMinutes(5)).Valid);
    }

    [Fact]
    public void BambooHR_signature_is_over_the_body_followed_by_the_timestamp_header_also_in_ISO_8601()
    {
        const string timestamp = "2026-03-01T11:58:00Z";
        const string body = "{\"employees\":[{\"id\":\"7\"}]}";
        var headers = new HeaderDictionary
        {
            ["X-BambooHR-Timestamp"] = timestamp,
            ["X-BambooHR-Signature"] = Signing.Hex("new-secret", body + timestamp),
        };

        Assert.True(new BambooHrWebhookAdapter().Verify(headers, Encoding.UTF8.GetBytes(body), Secrets, Now, TimeSpan.FromMinutes(5)).Valid);
        headers["X-BambooHR-Signature"] = Signing.Hex("new-secret", timestamp + body);
        Assert.False(new BambooHrWebhookAdapter().Verify(headers, Encoding.UTF8.GetBytes(body), Secrets, Now, TimeSpan.FromMinutes(5)).Valid);
    }

    [Fact]
    public void BambooHR_fields_may_be_plain_or_value_wrapped_and_the_employee_id_becomes_field_id()
    {
        const string body = "{\"employees\":[{\"id\":12,\"action\":\"Created\",\"fields\":{\"First Name\":{\"value\":\"Ashley\"},\"Last Name\":\"Adams\",\"Pay rate\":42.5}}]}";

        var parsed = new BambooHrWebhookAdapter().Parse(Encoding.UTF8.GetBytes(body));

        var record = Assert.Single(parsed.Records);
        Assert.Equal("12", record.Fields["id"]);
        Assert.Equal("Ashley", record.Fields["First Name"]);
        Assert.Equal("Adams", record.Fields["Last Name"]);
        Assert.Equal("42.5", record.Fields["Pay rate"]);
        Assert.False(record.Deleted);
        Assert.StartsWith("bamboohr-", record.EventId);
    }

    [Theory]
    [InlineData("{\"employees\":[{\"id\":\"1\",\"fields\":{\"\\ud800\":\"x\"}}]}", "employees[0].fields: the name of field 1")]
    [InlineData("{\"employees\":[{\"id\":\"1\",\"fields\":{\"First Name\":{\"value\":\"\\udfff\"}}}]}", "employees[0].fields.First Name")]
    [InlineData("{\"employees\":[{\"id\":\"\\ud800\",\"fields\":{}}]}", "employees[0].id")]
    public void BambooHR_text_that_is_not_valid_Unicode_is_refused_naming_where_instead_of_being_dropped(string body, string named)
    {
        var parsed = new BambooHrWebhookAdapter().Parse(Encoding.UTF8.GetBytes(body));

        Assert.Empty(parsed.Records);
        Assert.Contains(named, parsed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void BambooHR_event_ids_are_the_hash_of_the_employee_as_sent_so_a_redelivery_matches()
    {
        const string body = "{\"employees\":[{\"id\":\"7\",\"fields\":{\"First Name\":\"Ren\u00e9e\"}},{\"id\":\"8\"}]}";

        var first = new BambooHrWebhookAdapter().Parse(Encoding.UTF8.GetBytes(body));
        var again = new BambooHrWebhookAdapter().Parse(Encoding.UTF8.GetBytes(body));

        var element = "{\"id\":\"7\",\"fields\":{\"First Name\":\"Ren\u00e9e\"}}";
        Assert.Equal("bamboohr-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(element))), first.Records[0].EventId);
        Assert.Equal(first.Records.Select(r => r.EventId), again.Records.Select(r => r.EventId));
        Assert.NotEqual(first.Records[0].EventId, first.Records[1].EventId);
    }

    [Theory]
    [InlineData("{\"records\":[{\"eventId\":\"e\",\"attributes\":{\"\\udc00\":\"x\"}}]}", "records[0].attributes: the name of attribute 1")]
    [InlineData("{\"records\":[{\"eventId\":\"\\ud800\",\"attributes\":{}}]}", "records[0].eventId is not valid Unicode")]
    public void EntraMesh_names_and_event_ids_that_are_not_valid_Unicode_are_refused_naming_where(string body, string named)
    {
        var parsed = new EntraMeshWebhookAdapter().Parse(Encoding.UTF8.GetBytes(body));

        Assert.Contains(named, parsed.Problem, StringComparison.Ordinal);
    }
}
