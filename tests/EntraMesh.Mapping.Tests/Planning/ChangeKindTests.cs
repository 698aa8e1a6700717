using EntraMesh.Contracts;
using EntraMesh.Mapping.Tests.Support;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Tests.Planning;

/// <summary>
/// Each change kind, end to end: WorkerRecordAccepted published to RabbitMQ, planned by the mapping service with the
/// CSV2SCIM sample rule set against PostgreSQL, IdentityChangePlanned / IdentityChangeSkipped received from RabbitMQ.
/// </summary>
public sealed class ChangeKindTests(PlanningFixture mapping) : IClassFixture<PlanningFixture>
{
    const string Department = ScimSchemas.EnterpriseUser + ":department";
    const string Manager = ScimSchemas.EnterpriseUser + ":manager.value";
    const string Ou = ScimSchemas.EntraMeshExtension + ":" + ScimSchemas.ParentDistinguishedName;

    DateTimeOffset Now => mapping.Clock.GetUtcNow();

    [Fact]
    public async Task First_active_appearance_is_a_joiner_with_every_attribute()
    {
        var worker = Workers.NewId("joiner");
        var record = Workers.Record(worker, 1, Workers.Employee(worker), Now);
        await mapping.Bus.PublishAsync(record);

        await mapping.Bus.WaitForAsync(worker, 1);
        var joiner = Assert.Single(mapping.Bus.PlannedFor(worker));
        Assert.Equal((ChangeKind.Joiner, ChangePriority.Joiner, "woodgrove-ad"), (joiner.ChangeKind, joiner.Priority, joiner.Target));
        Assert.Equal((record.RecordId, "hr", 1L), (joiner.RecordId, joiner.SourceId, joiner.Revision));
        Assert.Equal(("2025.06.1", Now), (joiner.RuleSetVersion, joiner.PlannedAt));
        Assert.NotEqual(Guid.Empty, joiner.ChangeId);
        Assert.Equal(worker, joiner.Data["externalId"]!.GetValue<string>());
        Assert.Equal("U" + worker, joiner.Data["userName"]!.GetValue<string>());
        Assert.True(joiner.Data["active"]!.GetValue<bool>());
        Assert.Equal("OU=Europe,OU=Users,DC=contoso,DC=com", joiner.Data[ScimSchemas.EntraMeshExtension]![ScimSchemas.ParentDistinguishedName]!.GetValue<string>());
        Assert.Contains("userName", joiner.ChangedAttributes);
        Assert.Contains(Ou, joiner.ChangedAttributes);
        Assert.Empty(mapping.Bus.SkippedFor(worker));

        Assert.Equal(1, await mapping.CountAsync(
            $"SELECT count(*) FROM mapping.planned_identity WHERE worker_id = '{worker}' AND target = 'woodgrove-ad' AND active AND change_kind = 'Joiner' AND revision = 1"));
        Assert.Equal(1, await mapping.CountAsync($"SELECT revision FROM mapping.worker_record WHERE source_id = 'hr' AND worker_id = '{worker}'"));
    }

    [Fact]
    public async Task Changed_phone_number_is_an_update_naming_only_that_attribute()
    {
        var worker = Workers.NewId("update");
        var employee = Workers.Employee(worker);
        var update = await PlanTwiceAsync(worker, employee, employee.With("OfficePhone", "555-0100"));

        Assert.Equal((ChangeKind.Update, ChangePriority.Update, "woodgrove-ad"), (update.ChangeKind, update.Priority, update.Target));
        Assert.Equal(["phoneNumbers[type eq \"work\"].value"], update.ChangedAttributes);
        Assert.Equal("555-0100", update.Data["phoneNumbers"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(2, update.Revision);
    }

    [Theory]
    [InlineData("Department", "Finance", Department)]
    [InlineData("ManagerID", "2001", Manager)]
    [InlineData("JobTitle", "Director", "title")]
    [InlineData("Location", "Asia Pacific", Ou)]
    public async Task Changed_department_manager_title_or_OU_is_a_mover(string attribute, string value, string scimAttribute)
    {
        var worker = Workers.NewId("mover");
        var employee = Workers.Employee(worker);
        var mover = await PlanTwiceAsync(worker, employee, employee.With(attribute, value));

        Assert.Equal((ChangeKind.Mover, ChangePriority.Mover), (mover.ChangeKind, mover.Priority));
        Assert.Equal([scimAttribute], mover.ChangedAttributes);
    }

    [Fact]
    public async Task Active_to_inactive_is_a_leaver_and_inactive_to_active_a_rehire()
    {
        var worker = Workers.NewId("leaver");
        var employee = Workers.Employee(worker);
        var leaver = await PlanTwiceAsync(worker, employee, employee.With("WorkerStatus", "Inactive"));
        Assert.Equal((ChangeKind.Leaver, ChangePriority.Leaver, "woodgrove-ad"), (leaver.ChangeKind, leaver.Priority, leaver.Target));
        Assert.False(leaver.Data["active"]!.GetValue<bool>());
        Assert.Equal(["active"], leaver.ChangedAttributes);

        await mapping.Bus.PublishAsync(Workers.Record(worker, 3, employee, Now));
        await mapping.Bus.WaitForAsync(worker, 3);
        var rehire = mapping.Bus.PlannedFor(worker)[^1];
        Assert.Equal((ChangeKind.Rehire, ChangePriority.Joiner, 3L), (rehire.ChangeKind, rehire.Priority, rehire.Revision));
        Assert.True(rehire.Data["active"]!.GetValue<bool>());
        Assert.Equal(1, await mapping.CountAsync($"SELECT count(*) FROM mapping.planned_identity WHERE worker_id = '{worker}' AND active AND change_kind = 'Rehire'"));
    }

    [Fact]
    public async Task Record_marked_terminated_is_a_leaver_whatever_the_status_says()
    {
        var worker = Workers.NewId("terminated");
        var employee = Workers.Employee(worker);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, employee, Now));
        await mapping.Bus.WaitForAsync(worker, 1);

        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, employee, Now, terminated: true));
        await mapping.Bus.WaitForAsync(worker, 2);

        var leaver = mapping.Bus.PlannedFor(worker)[^1];
        Assert.Equal("Active", employee["WorkerStatus"]);
        Assert.Equal(ChangeKind.Leaver, leaver.ChangeKind);
        Assert.False(leaver.Data["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Nothing_is_sent_when_nothing_changed()
    {
        var worker = Workers.NewId("nochange");
        var employee = Workers.Employee(worker);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, employee, Now));
        await mapping.Bus.WaitForAsync(worker, 1);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, employee, Now));
        await mapping.Bus.WaitForAsync(worker, 2);
        await mapping.QuiesceAsync();

        Assert.Single(mapping.Bus.PlannedFor(worker));
        var skipped = Assert.Single(mapping.Bus.SkippedFor(worker));
        Assert.Equal((SkipReason.NoChange, "woodgrove-ad", 2L, (string?)null), (skipped.Reason, skipped.Target, skipped.Revision, skipped.Detail));
        Assert.Equal(2, await mapping.CountAsync($"SELECT revision FROM mapping.worker_record WHERE worker_id = '{worker}'"));
        Assert.Equal(1, await mapping.CountAsync($"SELECT revision FROM mapping.planned_identity WHERE worker_id = '{worker}'"));
    }

    [Fact]
    public async Task Inactive_first_appearance_creates_no_account_and_a_later_activation_is_a_joiner()
    {
        var worker = Workers.NewId("preboarded");
        var employee = Workers.Employee(worker);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, employee.With("WorkerStatus", "Inactive"), Now));
        await mapping.Bus.WaitForAsync(worker, 1);

        var skipped = Assert.Single(mapping.Bus.SkippedFor(worker));
        Assert.Equal((SkipReason.NoChange, "woodgrove-ad"), (skipped.Reason, skipped.Target));
        Assert.Contains("never provisioned", skipped.Detail);
        Assert.Equal(0, await mapping.CountAsync($"SELECT count(*) FROM mapping.planned_identity WHERE worker_id = '{worker}'"));

        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, employee, Now));
        await mapping.Bus.WaitForAsync(worker, 2);
        Assert.Equal(ChangeKind.Joiner, Assert.Single(mapping.Bus.PlannedFor(worker)).ChangeKind);
    }

    [Fact]
    public async Task Moving_from_the_on_premises_target_to_the_cloud_is_a_leaver_there_and_a_joiner_here()
    {
        var worker = Workers.NewId("switch");
        var employee = Workers.Employee(worker);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, employee, Now));
        await mapping.Bus.WaitForAsync(worker, 1);

        var contractor = Workers.Record(worker, 2, employee.With("WorkerType", "Contractor"), Now);
        await mapping.Bus.PublishAsync(contractor);
        await mapping.Bus.WaitForAsync(worker, 3);

        var changes = mapping.Bus.PlannedFor(worker).Skip(1).ToList();
        var leaver = Assert.Single(changes, c => c.Target == "woodgrove-ad");
        var joiner = Assert.Single(changes, c => c.Target == "woodgrove-cloud");
        Assert.Equal((ChangeKind.Leaver, contractor.RecordId, 2L), (leaver.ChangeKind, leaver.RecordId, leaver.Revision));
        Assert.False(leaver.Data["active"]!.GetValue<bool>());
        Assert.Equal("Employee", leaver.Data["userType"]!.GetValue<string>());
        Assert.NotNull(leaver.Data[ScimSchemas.EntraMeshExtension]);
        Assert.Equal((ChangeKind.Joiner, contractor.RecordId), (joiner.ChangeKind, joiner.RecordId));
        Assert.Equal("Contractor", joiner.Data["userType"]!.GetValue<string>());
        Assert.Null(joiner.Data[ScimSchemas.EntraMeshExtension]);
        Assert.Equal(2, await mapping.CountAsync(
            $"SELECT count(*) FROM mapping.planned_identity WHERE worker_id = '{worker}' AND ((target = 'woodgrove-ad' AND NOT active) OR (target = 'woodgrove-cloud' AND active))"));
    }

    [Fact]
    public async Task Worker_in_no_targets_scope_is_skipped_and_a_leaver_where_it_was_active()
    {
        var worker = Workers.NewId("scope");
        var employee = Workers.Employee(worker);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, employee, Now));
        await mapping.Bus.WaitForAsync(worker, 1);

        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, employee.With("WorkerType", null), Now));
        await mapping.Bus.WaitForAsync(worker, 2);
        var leaver = mapping.Bus.PlannedFor(worker)[^1];
        Assert.Equal((ChangeKind.Leaver, "woodgrove-ad", 2L), (leaver.ChangeKind, leaver.Target, leaver.Revision));

        await mapping.Bus.PublishAsync(Workers.Record(worker, 3, employee.With("WorkerType", null).With("City", "Berlin"), Now));
        await mapping.Bus.WaitForAsync(worker, 3);
        var skipped = Assert.Single(mapping.Bus.SkippedFor(worker));
        Assert.Equal((SkipReason.OutOfScope, (string?)null, 3L), (skipped.Reason, skipped.Target, skipped.Revision));
        Assert.Equal(2, mapping.Bus.PlannedFor(worker).Count);
    }

    [Fact]
    public async Task Older_revision_delivered_after_a_newer_one_is_stale()
    {
        var worker = Workers.NewId("stale");
        var employee = Workers.Employee(worker);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, employee.With("JobTitle", "Director"), Now));
        await mapping.Bus.WaitForAsync(worker, 1);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, employee, Now));
        await mapping.Bus.WaitForAsync(worker, 2);

        var joiner = Assert.Single(mapping.Bus.PlannedFor(worker));
        Assert.Equal((2L, "Director"), (joiner.Revision, joiner.Data["title"]!.GetValue<string>()));
        var stale = Assert.Single(mapping.Bus.SkippedFor(worker));
        Assert.Equal((SkipReason.Stale, 1L), (stale.Reason, stale.Revision));
        Assert.Contains("revision 2", stale.Detail);
        Assert.Equal(2, await mapping.CountAsync($"SELECT revision FROM mapping.worker_record WHERE worker_id = '{worker}'"));
    }

    [Fact]
    public async Task Redelivered_message_is_planned_once()
    {
        var worker = Workers.NewId("redelivered");
        var record = Workers.Record(worker, 1, Workers.Employee(worker), Now);
        var id = await mapping.Bus.PublishAsync(record);
        await mapping.Bus.PublishAsync(record, id);
        await mapping.Bus.WaitForAsync(worker, 1);
        await mapping.Bus.PublishAsync(record, id);
        await mapping.QuiesceAsync();

        Assert.Single(mapping.Bus.PlannedFor(worker));
        Assert.Empty(mapping.Bus.SkippedFor(worker));
        Assert.Equal(1, await mapping.CountAsync($"SELECT count(*) FROM mapping.inbox_message WHERE message_id = '{id}'"));
    }

    [Fact]
    public async Task Rule_error_is_skipped_as_invalid_naming_the_attribute_and_position_not_the_values()
    {
        var worker = Workers.NewId("invalid");
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, Workers.Employee(worker).With("WorkerID", null), Now));
        await mapping.Bus.WaitForAsync(worker, 1);

        var invalid = Assert.Single(mapping.Bus.SkippedFor(worker));
        Assert.Equal((SkipReason.Invalid, "woodgrove-ad"), (invalid.Reason, invalid.Target));
        Assert.Contains("externalId (line 36, column 20)", invalid.Detail);
        Assert.DoesNotContain("Ginnie", invalid.Detail);
        Assert.DoesNotContain(worker, invalid.Detail);
        Assert.Empty(mapping.Bus.PlannedFor(worker));
    }

    [Fact]
    public async Task Record_the_database_cannot_store_is_skipped_as_invalid_and_the_rest_of_its_batch_is_planned()
    {
        var good = Enumerable.Range(0, 5).Select(_ => Workers.NewId("batch")).ToList();
        var poison = Workers.NewId("poison");
        foreach (var worker in good.Take(2)) await mapping.Bus.PublishAsync(Workers.Record(worker, 1, Workers.Employee(worker), Now));
        await mapping.Bus.PublishAsync(Workers.Record(poison, 1, Workers.Employee(poison).With("City", "Ber\u0000lin"), Now));
        foreach (var worker in good.Skip(2)) await mapping.Bus.PublishAsync(Workers.Record(worker, 1, Workers.Employee(worker), Now));

        foreach (var worker in good.Append(poison)) await mapping.Bus.WaitForAsync(worker, 1);
        await mapping.QuiesceAsync();

        Assert.All(good, worker => Assert.Equal(ChangeKind.Joiner, Assert.Single(mapping.Bus.PlannedFor(worker)).ChangeKind));
        var invalid = Assert.Single(mapping.Bus.SkippedFor(poison));
        Assert.Equal(SkipReason.Invalid, invalid.Reason);
        Assert.Contains("SQLSTATE 22P05", invalid.Detail);
        Assert.DoesNotContain("Ber", invalid.Detail);
        Assert.Empty(mapping.Bus.PlannedFor(poison));
        Assert.Equal(0, await mapping.CountAsync($"SELECT count(*) FROM mapping.worker_record WHERE worker_id = '{poison}' AND revision > 0"));
        Assert.True((await mapping.Management.GetQueueDepthAsync(mapping.VirtualHost, "mapping-worker-record-accepted_error") ?? 0) == 0);
    }

    [Fact]
    public async Task Record_the_database_cannot_store_arriving_alone_is_skipped_as_invalid_not_sent_to_the_error_queue()
    {
        var poison = Workers.NewId("poison-alone");
        await mapping.QuiesceAsync();

        await mapping.Bus.PublishAsync(Workers.Record(poison, 1, Workers.Employee(poison).With("Department", "Sa\u0000les"), Now));
        await mapping.Bus.WaitForAsync(poison, 1);
        await mapping.QuiesceAsync();

        var invalid = Assert.Single(mapping.Bus.SkippedFor(poison));
        Assert.Equal(SkipReason.Invalid, invalid.Reason);
        Assert.Contains("SQLSTATE 22P05", invalid.Detail);
        Assert.Empty(mapping.Bus.PlannedFor(poison));
        Assert.True((await mapping.Management.GetQueueDepthAsync(mapping.VirtualHost, "mapping-worker-record-accepted_error") ?? 0) == 0);
    }

    [Fact]
    public async Task Records_arriving_as_one_event_batch_are_planned_once_each_and_their_changes_leave_as_a_batch()
    {
        var workers = Enumerable.Range(0, 3).Select(_ => Workers.NewId("event-batch")).ToList();
        var records = workers
            .Select(worker => new BatchedEvent<WorkerRecordAccepted> { MessageId = Guid.NewGuid(), Message = Workers.Record(worker, 1, Workers.Employee(worker), Now) })
            .ToList();
        var batchesBefore = mapping.Bus.Batches;

        await mapping.Bus.PublishBatchAsync(records);
        foreach (var worker in workers) await mapping.Bus.WaitForAsync(worker, 1);
        // The same batch again, as after a lost acknowledgement: every event is known by its own message id.
        await mapping.Bus.PublishBatchAsync(records);
        await mapping.QuiesceAsync();

        Assert.All(workers, worker => Assert.Equal(ChangeKind.Joiner, Assert.Single(mapping.Bus.PlannedFor(worker)).ChangeKind));
        Assert.True(mapping.Bus.Batches > batchesBefore, "the three joiners were planned in one transaction and should leave as an event batch");
        var ids = string.Join(",", records.Select(r => $"'{r.MessageId}'"));
        Assert.Equal(3, await mapping.CountAsync($"SELECT count(*) FROM mapping.inbox_message WHERE message_id IN ({ids})"));
    }

    [Fact]
    public async Task Record_the_database_cannot_store_inside_an_event_batch_is_skipped_as_invalid_and_the_others_are_planned()
    {
        var good = Workers.NewId("event-batch-good");
        var poison = Workers.NewId("event-batch-poison");
        await mapping.Bus.PublishBatchAsync(
        [
            new BatchedEvent<WorkerRecordAccepted> { MessageId = Guid.NewGuid(), Message = Workers.Record(good, 1, Workers.Employee(good), Now) },
            new BatchedEvent<WorkerRecordAccepted>
            {
                MessageId = Guid.NewGuid(), Message = Workers.Record(poison, 1, Workers.Employee(poison).With("City", "Ber\u0000lin"), Now),
            },
        ]);
        foreach (var worker in new[] { good, poison }) await mapping.Bus.WaitForAsync(worker, 1);
        await mapping.QuiesceAsync();

        Assert.Equal(ChangeKind.Joiner, Assert.Single(mapping.Bus.PlannedFor(good)).ChangeKind);
        Assert.Equal(SkipReason.Invalid, Assert.Single(mapping.Bus.SkippedFor(poison)).Reason);
        Assert.Empty(mapping.Bus.PlannedFor(poison));
        Assert.True((await mapping.Management.GetQueueDepthAsync(mapping.VirtualHost, "mapping-worker-record-accepted_error") ?? 0) == 0);
    }

    /// <summary>Plans <paramref name="first"/> as revision 1 and <paramref name="second"/> as revision 2; returns the second change.</summary>
    async Task<IdentityChangePlanned> PlanTwiceAsync(string worker, Dictionary<string, string?> first, Dictionary<string, string?> second)
    {
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, first, Now));
        await mapping.Bus.WaitForAsync(worker, 1);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, second, Now));
        await mapping.Bus.WaitForAsync(worker, 2);
        Assert.Empty(mapping.Bus.SkippedFor(worker));
        var changes = mapping.Bus.PlannedFor(worker);
        Assert.Equal(2, changes.Count);
        Assert.Equal(ChangeKind.Joiner, changes[0].ChangeKind);
        Assert.NotEqual(changes[0].ChangeId, changes[1].ChangeId);
        return changes[1];
    }
}
