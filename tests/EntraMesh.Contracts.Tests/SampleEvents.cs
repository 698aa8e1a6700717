using System.Text.Json.Nodes;

namespace EntraMesh.Contracts.Tests;

/// <summary>One instance of every event with every property set to a non-default value.</summary>
internal static class SampleEvents
{
    static readonly DateTimeOffset At = new(2026, 11, 26, 9, 30, 15, 123, TimeSpan.Zero);

    public static IEnumerable<object> All()
    {
        yield return new WorkerRecordAccepted
        {
            RecordId = Guid.Parse("0b9f1d6e-5c1a-4f0e-9b65-3f7c2b1d0a01"),
            SourceId = "workday",
            WorkerId = "1513",
            Revision = 7,
            ReceivedAt = At,
            EffectiveAt = At.AddDays(3),
            HireDate = new DateOnly(2010, 7, 10),
            TerminationDate = new DateOnly(2026, 12, 31),
            Attributes = new Dictionary<string, string?> { ["FirstName"] = "Ginnie", ["ManagerID"] = null, ["City"] = "Frankfurt" },
            Terminated = true,
            Channel = "webhook",
        };
        yield return new IdentityChangePlanned
        {
            ChangeId = Guid.Parse("7f1e2d3c-0000-4000-8000-000000000002"),
            RecordId = Guid.Parse("0b9f1d6e-5c1a-4f0e-9b65-3f7c2b1d0a01"),
            SourceId = "workday",
            WorkerId = "1513",
            Revision = 7,
            Target = "cloud",
            ChangeKind = ChangeKind.Mover,
            Priority = ChangePriority.Mover,
            Data = new JsonObject
            {
                ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
                ["externalId"] = "1513",
                ["active"] = true,
                ["name"] = new JsonObject { ["givenName"] = "Ginnie", ["familyName"] = "Fadiman" },
            },
            ChangedAttributes = ["title", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"],
            PlannedAt = At,
            RuleSetVersion = "2026-11-01",
        };
        yield return new IdentityChangeSkipped
        {
            RecordId = Guid.NewGuid(),
            SourceId = "workday",
            WorkerId = "1513",
            Revision = 8,
            Target = "onprem",
            Reason = SkipReason.Held,
            HeldUntil = At.AddDays(10),
            Detail = "effective 2026-12-06",
            SkippedAt = At,
        };
        yield return new IdentityChangeQueued
        {
            ChangeId = Guid.NewGuid(),
            RecordId = Guid.NewGuid(),
            SourceId = "workday",
            WorkerId = "1513",
            Revision = 9,
            Target = "cloud",
            ChangeKind = ChangeKind.Leaver,
            QueuedAt = At,
            SupersededRevision = 8,
        };
        yield return new ProvisioningSubmitted
        {
            SubmissionId = Guid.NewGuid(),
            Target = "cloud",
            JobId = "API2AAD.0123456789abcdef0123456789abcdef.5b3c1c7e-2f3a-4a57-9f06-4e0f0c3b8f11",
            RequestId = "req-1",
            SubmittedAt = At,
            Operations =
            [
                new SubmittedOperation
                {
                    ChangeId = Guid.NewGuid(), RecordId = Guid.NewGuid(), SourceId = "workday", WorkerId = "1513",
                    Revision = 9, BulkId = "b-1", ExternalId = "1513", ChangeKind = ChangeKind.Leaver,
                },
            ],
            DailyCallsRemaining = 1999,
            DailyCallsLimit = 2000,
        };
        yield return new ProvisioningRejected
        {
            SubmissionId = Guid.NewGuid(),
            Target = "cloud",
            RejectedAt = At,
            Operations =
            [
                new RejectedOperation
                {
                    ChangeId = Guid.NewGuid(), RecordId = Guid.NewGuid(), SourceId = "workday", WorkerId = "1513",
                    Revision = 9, BulkId = "b-1", ChangeKind = ChangeKind.Update, StatusCode = 400,
                    ErrorCode = "InvalidDataFormat", Error = "unknown attribute 'foo'",
                },
            ],
        };
        yield return new ProvisioningOutcomeObserved
        {
            SourceId = "workday",
            WorkerId = "1513",
            Revision = 9,
            RecordId = Guid.NewGuid(),
            ChangeId = Guid.NewGuid(),
            SubmissionId = Guid.NewGuid(),
            Target = "cloud",
            JobId = "API2AAD.0123456789abcdef0123456789abcdef.5b3c1c7e-2f3a-4a57-9f06-4e0f0c3b8f11",
            LogId = "log-1",
            Action = "disable",
            Status = OutcomeStatus.Failure,
            ErrorCode = "UnableToResolveReferenceAttributeValue",
            ErrorReason = "manager 1959 not found",
            ActivityAt = At,
            TargetObjectId = "a6c4c1f2-0000-4000-8000-000000000009",
            ObservedAt = At.AddMinutes(6),
        };
        yield return new ReplayWorkerRequested
        {
            RequestId = Guid.NewGuid(),
            SourceId = "workday",
            WorkerId = "1513",
            RequestedBy = "ops@contoso.com",
            Reason = "manager fixed in HR",
            RequestedAt = At,
        };
    }
}
