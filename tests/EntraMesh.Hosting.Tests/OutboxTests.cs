using EntraMesh.Contracts;
using EntraMesh.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EntraMesh.Hosting.Tests;

/// <summary>The transactional outbox and inbox against real RabbitMQ and PostgreSQL.</summary>
public sealed class OutboxTests
{
    const string Effects = "SELECT count(*) FROM probe.effect WHERE message_kind <> 'state'";
    const string OutboxRows = "SELECT count(*) FROM probe.outbox_message";

    [Fact]
    public async Task Event_written_through_the_outbox_in_a_committed_transaction_is_consumed_exactly_once()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var service = await ProbeService.StartAsync(infrastructure);

        await PublishThroughOutboxAsync(service, Samples.Accepted("1513"), commit: true);

        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>(Effects), count => count >= 1);
        await QuiesceAsync(infrastructure);
        Assert.Equal(1, await infrastructure.ScalarAsync<long>(Effects));
        Assert.Equal(0, await infrastructure.ScalarAsync<long>(OutboxRows));
    }

    [Fact]
    public async Task Commit_wakes_the_relay_without_waiting_for_the_poll_tick()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        // The probe's poll tick is one minute; only the commit's wake-up can deliver within the timeout below.
        await using var service = await ProbeService.StartAsync(infrastructure);

        await PublishThroughOutboxAsync(service, Samples.Accepted("1222"), commit: true);

        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>(Effects), count => count == 1, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Event_committed_by_a_process_that_stopped_before_publishing_is_published_by_the_next_process()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();

        // The first process commits and stops before its relay publishes anything (its relay is off).
        var first = await ProbeService.StartAsync(infrastructure, consume: false, new Dictionary<string, string?> { ["Outbox:RelayEnabled"] = "false" });
        await PublishThroughOutboxAsync(first, Samples.Accepted("1513"), commit: true);
        await PublishThroughOutboxAsync(first, Samples.Accepted("1222"), commit: true);
        await first.DisposeAsync();
        Assert.Equal(2, await infrastructure.ScalarAsync<long>(OutboxRows));
        Assert.Equal(0, await infrastructure.ScalarAsync<long>(Effects));

        // The next process finds the rows at start-up and publishes them.
        await using var second = await ProbeService.StartAsync(infrastructure);
        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>(Effects), count => count >= 2);
        await QuiesceAsync(infrastructure);
        Assert.Equal(2, await infrastructure.ScalarAsync<long>(Effects));
        Assert.Equal(1, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.effect WHERE worker_id = '1513'"));
        Assert.Equal(0, await infrastructure.ScalarAsync<long>(OutboxRows));
    }

    [Fact]
    public async Task Rolled_back_transaction_publishes_nothing()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var service = await ProbeService.StartAsync(infrastructure);

        await PublishThroughOutboxAsync(service, Samples.Accepted("rolled-back"), commit: false);
        await PublishThroughOutboxAsync(service, Samples.Accepted("committed"), commit: true);

        // The committed one proves the pipeline ran; the rolled-back one must never show up.
        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>(Effects), count => count >= 1);
        await QuiesceAsync(infrastructure);
        Assert.Equal(0, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.effect WHERE worker_id IN ('rolled-back', 'state-of-rolled-back')"));
        Assert.Equal(1, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.effect WHERE worker_id = 'state-of-committed'"));
        Assert.Equal(1, await infrastructure.ScalarAsync<long>(Effects));
        Assert.Equal(0, await infrastructure.ScalarAsync<long>(OutboxRows));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var service = await ProbeService.StartAsync(infrastructure);
        var bus = service.Services.GetRequiredService<IBus>();

        var duplicated = Samples.Accepted("1513");
        var messageId = NewId.NextGuid();
        // Four deliveries of one message id, concurrently, as a broker redelivery after a lost ack would look.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            bus.Publish(duplicated, context => context.MessageId = messageId)));
        await bus.Publish(Samples.Accepted("other"));

        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>(Effects), count => count >= 2);
        await QuiesceAsync(infrastructure);
        Assert.Equal(1, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.effect WHERE worker_id = '1513'"));
        Assert.Equal(1, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.inbox_message WHERE message_id = '" + messageId + "'"));
    }

    [Fact]
    public async Task A_consumer_that_always_throws_leaves_the_message_in_the_error_queue_and_others_keep_flowing()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var service = await ProbeService.StartAsync(infrastructure);
        var bus = service.Services.GetRequiredService<IBus>();
        var attemptsBefore = Volatile.Read(ref ReplayRecordingConsumer.PoisonAttempts);

        await bus.Publish(Samples.Replay("good-1"));
        await bus.Publish(Samples.Replay("poison"));
        foreach (var worker in new[] { "good-2", "good-3", "good-4" }) await bus.Publish(Samples.Replay(worker));

        await Eventually.WaitForAsync(
            () => infrastructure.Management.GetQueueDepthAsync(infrastructure.VirtualHost, "replay-recording_error"),
            depth => depth == 1,
            because: "the poison message should land in replay-recording_error");
        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.effect WHERE message_kind = 'replay'"), count => count == 4);
        await QuiesceAsync(infrastructure);

        Assert.Equal(0, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.effect WHERE worker_id = 'poison'"));
        // One first attempt plus the two configured retries.
        Assert.Equal(3, Volatile.Read(ref ReplayRecordingConsumer.PoisonAttempts) - attemptsBefore);
    }

    [Fact]
    public async Task A_validation_failure_is_not_retried_and_goes_to_the_error_queue()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var service = await ProbeService.StartAsync(infrastructure);
        var bus = service.Services.GetRequiredService<IBus>();
        var attemptsBefore = Volatile.Read(ref ReplayRecordingConsumer.PoisonAttempts);

        await bus.Publish(Samples.Replay("invalid"));

        await Eventually.WaitForAsync(
            () => infrastructure.Management.GetQueueDepthAsync(infrastructure.VirtualHost, "replay-recording_error"),
            depth => depth == 1);
        Assert.Equal(1, Volatile.Read(ref ReplayRecordingConsumer.PoisonAttempts) - attemptsBefore);
    }

    [Fact]
    public async Task Events_of_a_batched_type_committed_together_leave_as_one_message_and_each_is_applied_once()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var first = await ProbeService.StartAsync(infrastructure, consume: false, new Dictionary<string, string?> { ["Outbox:RelayEnabled"] = "false" });
        var events = new[] { "1513", "1222", "1701" }.Select(worker => Samples.Accepted(worker)).ToArray();
        var messageIds = await PublishThroughOutboxAsync(first, events, commit: true);
        await PublishThroughOutboxAsync(first, [Samples.Accepted("alone")], commit: true);
        await first.DisposeAsync();

        // One row carries the three events of the first transaction; the lone event of the second travels as itself.
        Assert.Equal(2, await infrastructure.ScalarAsync<long>(OutboxRows));
        Assert.Equal(1, await infrastructure.ScalarAsync<long>(
            $"SELECT count(*) FROM probe.outbox_message WHERE message_type = '{MessageUrn.ForTypeString<EventBatch<WorkerRecordAccepted>>()}'"));

        await using var second = await ProbeService.StartAsync(infrastructure);
        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>(Effects), count => count >= 4);

        // A redelivery of the batch (the relay crashed after publishing it) changes nothing: each event is claimed by its id.
        var bus = second.Services.GetRequiredService<IBus>();
        await bus.Publish(new EventBatch<WorkerRecordAccepted>
        {
            Events = events.Select((e, i) => new BatchedEvent<WorkerRecordAccepted> { MessageId = messageIds[i], Message = e }).ToList(),
        });
        await QuiesceAsync(infrastructure);

        Assert.Equal(4, await infrastructure.ScalarAsync<long>(Effects));
        foreach (var worker in new[] { "1513", "1222", "1701", "alone" })
        {
            Assert.Equal(1, await infrastructure.ScalarAsync<long>($"SELECT count(*) FROM probe.effect WHERE message_kind = 'accepted' AND worker_id = '{worker}'"));
        }

        var claimed = string.Join(",", messageIds.Select(id => $"'{id}'"));
        Assert.Equal(3, await infrastructure.ScalarAsync<long>($"SELECT count(*) FROM probe.inbox_message WHERE message_id IN ({claimed})"));
    }

    [Fact]
    public async Task A_batch_holds_at_most_MaxEventsPerMessage_events_and_types_that_are_not_batched_leave_one_by_one()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var service = await ProbeService.StartAsync(
            infrastructure, consume: false, new Dictionary<string, string?> { ["Outbox:RelayEnabled"] = "false", ["Outbox:MaxEventsPerMessage"] = "2" });
        var outbox = service.Services.GetRequiredService<Outbox.Outbox>();
        await using (var transaction = await outbox.BeginAsync())
        {
            foreach (var worker in new[] { "1", "2", "3", "4", "5" }) transaction.Publish(Samples.Accepted(worker));
            transaction.Publish(Samples.Replay("6"));
            transaction.Publish(Samples.Replay("7"));
            await transaction.CommitAsync();
        }

        await service.DisposeAsync();

        // Five accepted records: batches of 2, 2 and a last one alone; replays are not a batched type.
        var batch = MessageUrn.ForTypeString<EventBatch<WorkerRecordAccepted>>();
        Assert.Equal(2, await infrastructure.ScalarAsync<long>($"SELECT count(*) FROM probe.outbox_message WHERE message_type = '{batch}'"));
        Assert.Equal(1, await infrastructure.ScalarAsync<long>(
            $"SELECT count(*) FROM probe.outbox_message WHERE message_type = '{MessageUrn.ForTypeString<WorkerRecordAccepted>()}' AND body::jsonb ->> 'workerId' = '5'"));
        Assert.Equal(2, await infrastructure.ScalarAsync<long>(
            $"SELECT count(*) FROM probe.outbox_message WHERE message_type = '{MessageUrn.ForTypeString<ReplayWorkerRequested>()}'"));
        Assert.Equal(
            "1,2,3,4",
            await infrastructure.ScalarAsync<string>(
                $"""
                SELECT string_agg(e -> 'message' ->> 'workerId', ',' ORDER BY o.sequence, n)
                FROM probe.outbox_message o, jsonb_array_elements(o.body::jsonb -> 'events') WITH ORDINALITY AS a(e, n)
                WHERE o.message_type = '{batch}'
                """));
    }

    static async Task PublishThroughOutboxAsync(ProbeService service, WorkerRecordAccepted message, bool commit) =>
        await PublishThroughOutboxAsync(service, [message], commit);

    static async Task<Guid[]> PublishThroughOutboxAsync(ProbeService service, IReadOnlyList<WorkerRecordAccepted> messages, bool commit)
    {
        var outbox = service.Services.GetRequiredService<Outbox.Outbox>();
        await using var transaction = await outbox.BeginAsync();
        foreach (var message in messages)
        {
            await using var command = transaction.Command("INSERT INTO effect (message_kind, worker_id) VALUES ('state', @worker)");
            command.Parameters.AddWithValue("worker", "state-of-" + message.WorkerId);
            await command.ExecuteNonQueryAsync();
        }

        var ids = messages.Select(message => transaction.Publish(message)).ToArray();
        if (commit) await transaction.CommitAsync();
        return ids;
    }

    /// <summary>Waits until the outbox is empty and no queue holds a message, then a little longer for stragglers.</summary>
    static async Task QuiesceAsync(IsolatedInfrastructure infrastructure)
    {
        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>(OutboxRows), rows => rows == 0);
        await infrastructure.WaitForQueuesToDrainAsync();
        await Task.Delay(300);
        await infrastructure.WaitForQueuesToDrainAsync();
    }
}
