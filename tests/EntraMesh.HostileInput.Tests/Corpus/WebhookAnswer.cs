using System.Text.Json.Nodes;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>Checks on ingest's 202 answer to a webhook: every record accounted for, every rejection with its reason.</summary>
public static class WebhookAnswer
{
    public static Func<JsonNode?, string?> Counts(int accepted, int duplicates = 0, int rejected = 0, string? reasonContains = null) => body =>
    {
        if (body is not JsonObject) return "the 202 has no JSON body";
        var (a, d, r) = ((int?)body["accepted"], (int?)body["duplicates"], (int?)body["rejected"]);
        if (a != accepted || d != duplicates || r != rejected)
            return $"expected accepted {accepted}, duplicates {duplicates}, rejected {rejected}; got {a}, {d}, {r}";
        var records = body["records"]?.AsArray() ?? [];
        if (records.Count != accepted + duplicates + rejected) return $"{records.Count} record outcomes for {accepted + duplicates + rejected} records";
        foreach (var record in records.Where(x => (string?)x?["outcome"] == "rejected"))
        {
            var reason = (string?)record?["reason"];
            if (string.IsNullOrWhiteSpace(reason)) return "a rejected record has no reason";
            if (reasonContains is not null && !reason.Contains(reasonContains, StringComparison.OrdinalIgnoreCase))
                return $"the rejection reason '{reason}' does not mention '{reasonContains}'";
        }

        return null;
    };

    public static Func<JsonNode?, string?> OneAccepted => Counts(1);

    public static Func<JsonNode?, string?> OneDuplicate => Counts(0, duplicates: 1);

    public static Func<JsonNode?, string?> OneRejected(string? reasonContains = null) => Counts(0, rejected: 1, reasonContains: reasonContains);
}
