namespace EntraMesh.Bench.Baseline;

/// <summary>What the CSV2SCIM-like client did with one file: calls, their answers, operations sent and accepted.</summary>
public sealed record BaselineDelivery(int Calls, int Accepted, int Throttled, int OtherAnswers, long OperationsSent, long OperationsAccepted, TimeSpan Elapsed);
