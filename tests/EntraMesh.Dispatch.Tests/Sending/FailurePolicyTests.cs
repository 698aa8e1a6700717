using System.Net.Http.Headers;
using EntraMesh.Dispatch.Sending;

namespace EntraMesh.Dispatch.Tests.Sending;

public sealed class FailurePolicyTests
{
    [Theory]
    [InlineData(202, 50, false, FailureAction.Accepted)]
    [InlineData(400, 50, false, FailureAction.Split)]
    [InlineData(400, 2, false, FailureAction.Split)]
    [InlineData(400, 1, false, FailureAction.Reject)]
    [InlineData(413, 50, false, FailureAction.Split)]
    [InlineData(401, 50, false, FailureAction.RefreshToken)]
    [InlineData(401, 50, true, FailureAction.StopTarget)]
    [InlineData(403, 50, false, FailureAction.StopTarget)]
    [InlineData(404, 50, false, FailureAction.StopTarget)]
    [InlineData(429, 50, false, FailureAction.Throttled)]
    [InlineData(500, 50, false, FailureAction.Transient)]
    [InlineData(503, 1, false, FailureAction.Transient)]
    [InlineData(0, 50, false, FailureAction.Transient)]
    public void Answer_decides_what_happens_to_the_operations(int status, int operations, bool freshToken, FailureAction expected)
    {
        Assert.Equal(expected, FailurePolicy.Decide(new BulkUploadResult(status), operations, freshToken));
    }

    [Fact]
    public void Stop_reason_tells_the_operator_which_permission_is_missing()
    {
        var reason = FailurePolicy.StopReason(new BulkUploadResult(403, ErrorCode: "Authorization_RequestDenied", Error: "Insufficient privileges"));

        Assert.Contains("SynchronizationData-User.Upload", reason);
        Assert.Contains("Insufficient privileges", reason);
    }

    [Fact]
    public void Retry_After_is_read_as_seconds_or_as_a_date()
    {
        var now = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(3), RetryAfter.From(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), now));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryAfter.From(new RetryConditionHeaderValue(now.AddSeconds(10)), now));
        Assert.Null(RetryAfter.From(null, now));
    }
}
