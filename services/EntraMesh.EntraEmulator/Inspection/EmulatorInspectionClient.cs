using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Faults;

namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>
/// A typed client for the emulator's <c>/_emulator/</c> API, for tests, benchmarks and tools. The <see cref="HttpClient"/>
/// must have the emulator's base address and trust (or pin) its certificate.
/// </summary>
public sealed class EmulatorInspectionClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Http { get; } = http;

    public async Task ResetAsync(CancellationToken cancellationToken = default) =>
        (await Http.PostAsync("_emulator/reset", null, cancellationToken)).EnsureSuccessStatusCode();

    /// <summary>Every access token issued so far is refused from now on (401 on Graph); answers once new tokens are accepted.</summary>
    public async Task RevokeTokensAsync(CancellationToken cancellationToken = default) =>
        (await Http.PostAsync("_emulator/tokens/revoke", null, cancellationToken)).EnsureSuccessStatusCode();

    public Task<EmulatorConfigurationSnapshot> GetConfigurationAsync(CancellationToken cancellationToken = default) =>
        GetAsync<EmulatorConfigurationSnapshot>("_emulator/config", cancellationToken);

    public Task<List<TenantDirectorySnapshot>> GetDirectoryAsync(string? tenantId = null, CancellationToken cancellationToken = default) =>
        GetAsync<List<TenantDirectorySnapshot>>(tenantId is null ? "_emulator/directory" : $"_emulator/directory?tenantId={Uri.EscapeDataString(tenantId)}", cancellationToken);

    /// <summary>All users of all tenants.</summary>
    public async Task<List<UserSnapshot>> GetUsersAsync(CancellationToken cancellationToken = default) =>
        (await GetDirectoryAsync(null, cancellationToken)).SelectMany(tenant => tenant.Users).ToList();

    /// <summary>The user with this employeeId (cloud, or in <paramref name="onPremisesDomain"/>), or null.</summary>
    public async Task<UserSnapshot?> FindUserAsync(string employeeId, string? onPremisesDomain = null, CancellationToken cancellationToken = default) =>
        (await GetUsersAsync(cancellationToken)).FirstOrDefault(user =>
            string.Equals(user.EmployeeId, employeeId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(user.OnPremisesDomain, onPremisesDomain, StringComparison.OrdinalIgnoreCase));

    public Task<UserSnapshot> AddUserAsync(SeedUserOptions user, string? tenantId = null, CancellationToken cancellationToken = default) =>
        SendAsync<UserSnapshot>(HttpMethod.Post, tenantId is null ? "_emulator/users" : $"_emulator/users?tenantId={Uri.EscapeDataString(tenantId)}", user, cancellationToken);

    /// <summary>Deletes a user by object id; false when there was none.</summary>
    public async Task<bool> DeleteUserAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await Http.DeleteAsync($"_emulator/users/{Uri.EscapeDataString(id)}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    public Task<EmulatorCountersSnapshot> GetCountersAsync(CancellationToken cancellationToken = default) =>
        GetAsync<EmulatorCountersSnapshot>("_emulator/counters", cancellationToken);

    /// <summary>Recent calls, oldest first, optionally since a time and for one endpoint.</summary>
    public Task<List<CallRecord>> GetCallsAsync(DateTimeOffset? since = null, EmulatorEndpoint? endpoint = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (since is { } time) query.Add("since=" + Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture)));
        if (endpoint is { } only) query.Add("endpoint=" + only);
        return GetAsync<List<CallRecord>>("_emulator/calls" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), cancellationToken);
    }

    /// <summary>The most calls (of the given answers, default all) that fell into any window of <paramref name="window"/>.</summary>
    public static int MaxCallsInAnyWindow(IEnumerable<CallRecord> calls, TimeSpan window, Func<CallRecord, bool>? which = null)
    {
        var times = calls.Where(which ?? (_ => true)).Select(call => call.At).Order().ToArray();
        var most = 0;
        for (int start = 0, end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= window) start++;
            most = Math.Max(most, end - start + 1);
        }

        return most;
    }

    public Task<FaultSettings> GetFaultsAsync(CancellationToken cancellationToken = default) => GetAsync<FaultSettings>("_emulator/faults", cancellationToken);

    public Task<FaultSettings> SetFaultsAsync(FaultSettings faults, CancellationToken cancellationToken = default) =>
        SendAsync<FaultSettings>(HttpMethod.Put, "_emulator/faults", faults, cancellationToken);

    public async Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        (await Http.DeleteAsync("_emulator/faults", cancellationToken)).EnsureSuccessStatusCode();

    public Task<LimitsOptions> GetLimitsAsync(CancellationToken cancellationToken = default) => GetAsync<LimitsOptions>("_emulator/limits", cancellationToken);

    public Task<LimitsOptions> SetLimitsAsync(LimitsOptions limits, CancellationToken cancellationToken = default) =>
        SendAsync<LimitsOptions>(HttpMethod.Put, "_emulator/limits", limits, cancellationToken);

    public Task<ProcessingDelays> SetDelaysAsync(ProcessingDelays delays, CancellationToken cancellationToken = default) =>
        SendAsync<ProcessingDelays>(HttpMethod.Put, "_emulator/processing", delays, cancellationToken);

    public Task<List<JobSnapshot>> GetJobsAsync(CancellationToken cancellationToken = default) => GetAsync<List<JobSnapshot>>("_emulator/jobs", cancellationToken);

    public Task<JobSnapshot> PauseJobAsync(string jobId, CancellationToken cancellationToken = default) => ControlAsync(jobId, "pause", null, cancellationToken);

    public Task<JobSnapshot> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default) => ControlAsync(jobId, "resume", null, cancellationToken);

    public Task<JobSnapshot> RestartJobAsync(string jobId, CancellationToken cancellationToken = default) => ControlAsync(jobId, "restart", null, cancellationToken);

    public Task<JobSnapshot> QuarantineJobAsync(string jobId, QuarantineRequest? request = null, CancellationToken cancellationToken = default) =>
        ControlAsync(jobId, "quarantine", request ?? new QuarantineRequest(), cancellationToken);

    /// <summary>Waits until no operation is staged (everything accepted has been processed or purged) or the timeout passes.</summary>
    public async Task<EmulatorCountersSnapshot> WaitUntilProcessedAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var counters = await GetCountersAsync(cancellationToken);
            var operations = counters.Operations;
            if (operations.Pending == 0 && operations.Processed + operations.Purged >= operations.Accepted) return counters;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Operations still staged after {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds:0.#} s: {counters.Operations}");
            await Task.Delay(25, cancellationToken);
        }
    }

    Task<JobSnapshot> ControlAsync(string jobId, string action, object? body, CancellationToken cancellationToken) =>
        SendAsync<JobSnapshot>(HttpMethod.Post, $"_emulator/jobs/{Uri.EscapeDataString(jobId)}/{action}", body, cancellationToken);

    async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        using var response = await Http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {problem}", null, response.StatusCode);
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }
}
