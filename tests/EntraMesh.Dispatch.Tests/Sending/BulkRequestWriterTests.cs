using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Sending;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Scim;

namespace EntraMesh.Dispatch.Tests.Sending;

public sealed class BulkRequestWriterTests
{
    [Fact]
    public void Body_is_a_SCIM_bulk_request_with_one_POST_Users_per_change_and_the_change_id_as_bulkId()
    {
        var plans = new[] { Plans.Planned("1001", 1, ChangeKind.Joiner), Plans.Planned("1002", 4, ChangeKind.Leaver) };
        var operations = plans.Select(p => new ClaimedOperation(
            p.ChangeId, p.RecordId, p.SourceId, p.WorkerId, p.Revision, p.ChangeKind, p.Priority, p.WorkerId, p.Data.ToJsonString(), p.PlannedAt)).ToList();

        var body = JsonNode.Parse(BulkRequestWriter.Write(operations))!.AsObject();

        Assert.Equal(ScimSchemas.BulkRequest, body["schemas"]![0]!.GetValue<string>());
        var sent = body["Operations"]!.AsArray();
        Assert.Equal(2, sent.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("POST", sent[i]!["method"]!.GetValue<string>());
            Assert.Equal("/Users", sent[i]!["path"]!.GetValue<string>());
            Assert.Equal(plans[i].ChangeId.ToString("D"), sent[i]!["bulkId"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(plans[i].Data, sent[i]!["data"]));
        }

        Assert.False(sent[1]!["data"]!["active"]!.GetValue<bool>());
    }
}
