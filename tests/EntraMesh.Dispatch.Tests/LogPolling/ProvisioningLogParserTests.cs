using System.Text.Json;
using EntraMesh.Contracts;
using EntraMesh.Dispatch.LogPolling;

namespace EntraMesh.Dispatch.Tests.LogPolling;

public sealed class ProvisioningLogParserTests
{
    const string Page =
        """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning",
          "value": [
            {
              "id": "83f6c4a4-0000-4000-8000-000000000001",
              "activityDateTime": "2025-03-01T08:10:00.123Z",
              "jobId": "API2AAD.0123456789abcdef0123456789abcdef.11111111-1111-1111-1111-111111111111",
              "provisioningAction": "create",
              "provisioningStatusInfo": { "status": "failure", "errorInformation": { "errorCode": "UnableToResolveReferenceAttributeValue", "reason": "manager 999 not found" } },
              "sourceIdentity": { "id": "1001", "displayName": "Worker 1001" },
              "targetIdentity": { "id": "c0ffee00-0000-0000-0000-000000000000" }
            },
            { "id": "83f6c4a4-0000-4000-8000-000000000002", "activityDateTime": "2025-03-01T08:11:00Z",
              "provisioningAction": "update", "statusInfo": { "status": "success" }, "sourceIdentity": { "id": "1002" } }
          ],
          "@odata.nextLink": "https://graph.microsoft.com/v1.0/auditLogs/provisioning?$skiptoken=abc"
        }
        """;

    [Fact]
    public void Entries_status_error_identities_and_next_link_are_read()
    {
        using var document = JsonDocument.Parse(Page);

        var page = ProvisioningLogParser.Parse(document.RootElement);

        Assert.Equal(2, page.Entries.Count);
        var failure = page.Entries[0];
        Assert.Equal("1001", failure.ExternalId);
        Assert.Equal(OutcomeStatus.Failure, failure.Status);
        Assert.Equal("UnableToResolveReferenceAttributeValue", failure.ErrorCode);
        Assert.Equal("create", failure.Action);
        Assert.Equal("c0ffee00-0000-0000-0000-000000000000", failure.TargetObjectId);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 8, 10, 0, 123, TimeSpan.Zero), failure.ActivityAt);
        Assert.Equal(OutcomeStatus.Success, page.Entries[1].Status);
        Assert.Equal("https://graph.microsoft.com/v1.0/auditLogs/provisioning?$skiptoken=abc", page.NextLink!.AbsoluteUri);
    }

    [Fact]
    public void Last_page_has_no_next_link()
    {
        using var document = JsonDocument.Parse("""{"value":[]}""");

        var page = ProvisioningLogParser.Parse(document.RootElement);

        Assert.Empty(page.Entries);
        Assert.Null(page.NextLink);
    }
}
