using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Launcher.Sample;
using static EntraMesh.HostileInput.Tests.Corpus.Records;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>CSV imports (<c>/api/imports</c>): headers, rows, encodings, content types, multipart, sizes, queries, and the job routes.</summary>
public static class ImportCases
{
    /// <summary>The import limit the hostile mesh runs with (Ingest:MaxImportBytes), so "oversized" fits in a test.</summary>
    public const int MaxImportBytes = 4 * 1024 * 1024;

    static HostileCase Case(HostileCategory category, string name, Func<HttpRequestMessage> request, Expectation expect, ImportOutcome? import = null) =>
        new() { Category = category, Surface = Surface.CsvImport, Name = name, Request = request, Expect = expect, Import = import };

    static HttpRequestMessage Upload(CorpusContext context, byte[] csv, string? contentType = "text/csv", string query = "?source=hr-webhook") =>
        context.Operator(HttpMethod.Post, "/api/imports" + query, CorpusContext.Bytes(csv, contentType));

    static string Header => Population.Header;

    static string Row(IReadOnlyDictionary<string, string?> row) => string.Join(',', Header.Split(',').Select(c => Quote(row.GetValueOrDefault(c) ?? "")));

    static Func<JsonNode?, string?> Queued => body => body?["id"] is null ? "the 202 names no import id" : null;

    static Expectation Accepted => Expectation.Accepted(202, Queued);

    public static IEnumerable<HostileCase> All(CorpusContext context) =>
        Malformed(context).Concat(WronglyEncoded(context)).Concat(Oversized(context)).Concat(Injection(context)).Concat(Routes(context));

    static IEnumerable<HostileCase> Malformed(CorpusContext context)
    {
        var good = Row(Contractor(context.NewWorkerId()));
        (string Name, string Csv)[] refusedFiles =
        [
            ("empty file", ""),
            ("a lone line break", "\r\n"),
            ("header without the worker id column", "Name,Email\r\nA,a@example.com\r\n"),
            ("worker id column in another case", "workerid,FirstName\r\n1,A\r\n"),
            ("duplicate column", "WorkerID,FirstName,FirstName\r\n1,A,B\r\n"),
            ("empty column name", "WorkerID,,FirstName\r\n1,,A\r\n"),
            ("column names of spaces", "WorkerID,   ,FirstName\r\n1,x,A\r\n"),
            ("semicolon-separated file", "WorkerID;FirstName\r\n1;A\r\n"),
            ("tab-separated file", "WorkerID\tFirstName\r\n1\tA\r\n"),
            ("a JSON document", "{\"WorkerID\":\"1\"}"),
            ("binary garbage that is valid UTF-8", "\u0001\u0002\u0003\u0004,\u0005\r\n"),
        ];
        foreach (var (name, csv) in refusedFiles)
        {
            var bytes = Utf8(csv);
            yield return Case(HostileCategory.Malformed, name, () => Upload(context, bytes), Expectation.Refused(400));
        }

        (string Name, Func<string> Csv, ImportOutcome Outcome)[] accepted =
        [
            ("header only", () => Header + "\r\n", new("Completed", 0, 0)),
            ("header without a line break", () => Header, new("Completed", 0, 0)),
            ("a row with too few fields", () => $"{Header}\r\n{good}\r\n1,Active\r\n", new("Completed", 1, 1)),
            ("a row with too many fields", () => $"{Header}\r\n{Row(Contractor(context.NewWorkerId()))},extra,extra\r\n", new("Completed", 0, 1)),
            ("an unterminated quote", () => $"{Header}\r\n{Row(Contractor(context.NewWorkerId()))}\r\n{context.NewWorkerId()},\"Active,oops\r\n", new("Completed", 1, 1)),
            ("a quote in the middle of a field", () => $"{Header}\r\n{Row(Contractor(context.NewWorkerId()).With(("FirstName", "x")))}".Replace(",x,", ",x\"y,", StringComparison.Ordinal) + "\r\n", new("Completed", 0, 1)),
            ("CR-only line endings", () => $"{Header}\r{Row(Contractor(context.NewWorkerId()))}\r{Row(Contractor(context.NewWorkerId()))}\r", new("Completed", 2, 0)),
            ("LF-only line endings", () => $"{Header}\n{Row(Contractor(context.NewWorkerId()))}\n", new("Completed", 1, 0)),
            ("a worker id of 300 characters", () => $"{Header}\r\n{Row(Contractor(new string('8', 300)))}\r\n", new("Completed", 0, 1)),
            ("an empty worker id", () => $"{Header}\r\n{Row(Contractor("").With(("WorkerID", "")))}\r\n", new("Completed", 0, 1)),
            ("a hire date that is no date", () => $"{Header}\r\n{Row(Contractor(context.NewWorkerId()).With(("HireDate", "2020-13-45")))}\r\n", new("Completed", 0, 1)),
            ("a NUL character in a field", () => $"{Header}\r\n{Row(Contractor(context.NewWorkerId()).With(("FirstName", "Nu\0ll")))}\r\n", new("Completed", 0, 1)),
            ("5,000 extra columns", () => Header + string.Concat(Enumerable.Range(0, 5000).Select(i => $",Extra{i}")) + "\r\n"
                + Row(Contractor(context.NewWorkerId())) + new string(',', 5000) + "\r\n", new("Completed", 1, 0)),
            ("the worker id column only", () => $"WorkerID\r\n{context.NewWorkerId()}\r\n", new("Completed", 1, 0)),
        ];
        foreach (var (name, csv, outcome) in accepted)
        {
            yield return Case(HostileCategory.Malformed, name, () => Upload(context, Utf8(csv())), Accepted, outcome);
        }

        foreach (var contentType in new[] { null, "application/json", "text/plain", "application/octet-stream", "text/csvx", "text/html", "image/png" })
        {
            var csv = Utf8($"{Header}\r\n{good}\r\n");
            yield return Case(HostileCategory.Malformed, $"content type '{contentType ?? "(none)"}'", () => Upload(context, csv, contentType), Expectation.Refused(415));
        }

        yield return Case(HostileCategory.Malformed, "multipart without a boundary",
            () => Upload(context, Utf8("--x\r\n\r\n--x--"), "multipart/form-data"), Expectation.Refused(400));
        yield return Case(HostileCategory.Malformed, "multipart without a file part",
            () => Upload(context, Utf8("--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--b--\r\n"), "multipart/form-data; boundary=b"), Expectation.Refused(400));
        yield return Case(HostileCategory.Malformed, "multipart that never ends",
            () => Upload(context, Utf8("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nWorkerID\r\n1\r\n"), "multipart/form-data; boundary=b"),
            Expectation.Refused(400));
        yield return Case(HostileCategory.Malformed, "multipart part header of 100 KB",
            () => Upload(context, Utf8($"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{new string('a', 100_000)}.csv\"\r\n\r\nWorkerID\r\n1\r\n--b--\r\n"), "multipart/form-data; boundary=b"),
            Expectation.Refused(400));
        yield return Case(HostileCategory.Malformed, "multipart boundary of 5,000 characters",
            () => Upload(context, Utf8("--" + new string('b', 5000) + "\r\n"), "multipart/form-data; boundary=" + new string('b', 5000)), Expectation.Refused(400));
        yield return Case(HostileCategory.Injection, "multipart file name that climbs out of the spool folder",
            () => Upload(context, Utf8($"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../../../../../tmp/entramesh-hostile-escape.csv\"\r\nContent-Type: text/csv\r\n\r\n{Header}\r\n{Row(Contractor(context.NewWorkerId()))}\r\n--b--\r\n"), "multipart/form-data; boundary=b"),
            Accepted, new("Completed", 1, 0));
        yield return Case(HostileCategory.Injection, "multipart file name with an absolute path and a NUL",
            () => Upload(context, Utf8($"--b\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''%2Fetc%2Fpasswd%00.csv\r\n\r\n{Header}\r\n{Row(Contractor(context.NewWorkerId()))}\r\n--b--\r\n"), "multipart/form-data; boundary=b"),
            Accepted, new("Completed", 1, 0));
    }

    static IEnumerable<HostileCase> WronglyEncoded(CorpusContext context)
    {
        string Text() => $"{Header}\r\n{Row(Contractor(context.NewWorkerId(), "Jos\u00e9", "Mu\u00f1oz"))}\r\n";
        (string Name, Func<byte[]> Csv)[] refused =
        [
            ("UTF-16LE with BOM", () => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Text())]),
            ("UTF-16BE without BOM", () => Encoding.BigEndianUnicode.GetBytes(Text())),
            ("UTF-32 with BOM", () => [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Text())]),
            ("Latin-1", () => Encoding.Latin1.GetBytes(Text())),
            ("Windows-1252 smart quotes", () => Concat(Header, "\r\n", context.NewWorkerId(), ",Active,Contractor,E,", new byte[] { 0x93, 0x41, 0x94 }, "\r\n")),
            ("overlong encoding", () => Concat(Header, "\r\n", context.NewWorkerId(), ",", new byte[] { 0xC0, 0xAE, 0xC0, 0xAE }, "\r\n")),
            ("surrogate encoded as UTF-8", () => Concat(Header, "\r\n", context.NewWorkerId(), ",", new byte[] { 0xED, 0xA0, 0x80 }, "\r\n")),
            ("invalid byte after 1 MiB of valid rows", () => Concat(Header, "\r\n", string.Concat(Enumerable.Range(0, 5000).Select(_ => "x" + new string('a', 200) + "\r\n")), new byte[] { 0xFF }, "\r\n")),
            ("invalid byte in the header", () => Concat("Worker", new byte[] { 0xFF }, "ID,FirstName\r\n1,A\r\n")),
        ];
        foreach (var (name, csv) in refused)
        {
            yield return Case(HostileCategory.WronglyEncoded, name, () => Upload(context, csv()), Expectation.Refused(400));
        }

        yield return Case(HostileCategory.WronglyEncoded, "UTF-8 with BOM", () => Upload(context, [0xEF, 0xBB, 0xBF, .. Utf8(Text())]), Accepted, new("Completed", 1, 0));
        yield return Case(HostileCategory.WronglyEncoded, "UTF-8 BOM before the BOM",
            () => Upload(context, [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Utf8(Text())]), Expectation.Refused(400));
        foreach (var charset in new[] { "utf-16", "iso-8859-1", "windows-1252", "nonsense" })
        {
            // UTF-8 bytes under another label: ingest reads every file as UTF-8 and says so, or refuses the label.
            yield return Case(HostileCategory.WronglyEncoded, $"UTF-8 body labelled charset={charset}",
                () => Upload(context, Utf8(Text()), "text/csv; charset=" + charset), Expectation.AcceptedOrRefused(202, Queued, 415)) with { Import = new("Completed", 1, 0) };
        }
    }

    static IEnumerable<HostileCase> Oversized(CorpusContext context)
    {
        byte[] Big(int size) => Utf8(Header + "\r\n" + new string('x', size));
        yield return Case(HostileCategory.Oversized, "1 MiB over the import limit", () => Upload(context, Big(MaxImportBytes + 1024 * 1024)), Expectation.Refused(413));
        yield return Case(HostileCategory.Oversized, "1 MiB over the import limit, chunked", () =>
            context.Operator(HttpMethod.Post, "/api/imports?source=hr-webhook", CorpusContext.Chunked(Big(MaxImportBytes + 1024 * 1024), "text/csv")), Expectation.Refused(413));
        yield return Case(HostileCategory.Oversized, "1 MiB over the import limit, in multipart", () =>
        {
            var csv = Big(MaxImportBytes + 1024 * 1024);
            var form = new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "big.csv" } };
            return context.Operator(HttpMethod.Post, "/api/imports?source=hr-webhook", form);
        }, Expectation.Refused(413));
        yield return Case(HostileCategory.Oversized, "a header line of 1 MiB", () => Upload(context, Utf8(new string('h', 1024 * 1024) + "\r\n1\r\n")), Expectation.Refused(400));
        yield return Case(HostileCategory.Oversized, "a single field of 2 MiB",
            () => Upload(context, Utf8($"{Header}\r\n{Row(Contractor(context.NewWorkerId()).With(("Custom01", new string('c', 2 * 1024 * 1024))))}\r\n")),
            Accepted, new("Completed", 1, 0));
        yield return Case(HostileCategory.Oversized, "100,000 blank lines", () => Upload(context, Utf8(Header + "\r\n" + string.Concat(Enumerable.Repeat("\r\n", 100_000)))),
            Accepted, new("Completed", 0, 100_000));
    }

    static IEnumerable<HostileCase> Injection(CorpusContext context)
    {
        foreach (var (name, text) in Payloads.AllValid)
        {
            var row = Contractor(context.NewWorkerId(), text, "Csv", text).With(("JobTitle", text));
            var csv = Utf8($"{Header}\r\n{Row(row)}\r\n");
            var category = Payloads.HugeNumbers.Any(p => p.Name == name) ? HostileCategory.Oversized : HostileCategory.Injection;
            yield return Case(category, $"{name} in names and title", () => Upload(context, csv), Accepted, new("Completed", 1, 0)) with { Stored = [Stored(row)] };
        }

        foreach (var (name, text) in Payloads.Sql.Concat(Payloads.Traversal).Take(8))
        {
            yield return Case(HostileCategory.Injection, $"{name} as the source", () => Upload(context, Utf8(Header + "\r\n"), query: "?source=" + Uri.EscapeDataString(text)), Expectation.Refused(404));
            yield return Case(HostileCategory.Injection, $"{name} as the mode", () => Upload(context, Utf8(Header + "\r\n"), query: "?mode=" + Uri.EscapeDataString(text)), Expectation.Refused(400));
        }

        yield return Case(HostileCategory.Injection, "NUL as the source", () => Upload(context, Utf8(Header + "\r\n"), query: "?source=%00"), Expectation.Refused(404));
        yield return Case(HostileCategory.Injection, "source given twice", () => Upload(context, Utf8(Header + "\r\n"), query: "?source=hr-webhook&source=bamboohr"), Expectation.Refused(400, 404));
    }

    static IEnumerable<HostileCase> Routes(CorpusContext context)
    {
        var unknown = Guid.NewGuid();
        (string Name, HttpMethod Method, string Path, int Status)[] routes =
        [
            ("import id that is no GUID", HttpMethod.Get, "/api/imports/not-a-guid", 404),
            ("import id with SQL", HttpMethod.Get, "/api/imports/" + Uri.EscapeDataString("1' OR '1'='1"), 404),
            ("unknown import", HttpMethod.Get, $"/api/imports/{unknown}", 404),
            ("confirm an unknown import", HttpMethod.Post, $"/api/imports/{unknown}/confirm", 404),
            ("cancel an unknown import", HttpMethod.Post, $"/api/imports/{unknown}/cancel", 404),
            ("delete an import", HttpMethod.Delete, $"/api/imports/{unknown}", 405),
            ("PUT the import collection", HttpMethod.Put, "/api/imports", 405),
            ("import id of 5,000 characters", HttpMethod.Get, "/api/imports/" + new string('9', 5000), 404),
        ];
        foreach (var (name, method, path, status) in routes)
        {
            yield return Case(HostileCategory.Malformed, name, () => context.Operator(method, path), Expectation.Refused(status));
        }

        Guid done = default;
        yield return Case(HostileCategory.Replayed, "confirm a completed import", () => context.Operator(HttpMethod.Post, $"/api/imports/{done}/confirm"),
            Expectation.Refused(409)) with
        {
            Before = async (http, ct) => done = await ImportAndWaitAsync(context, http, Utf8($"{Header}\r\n{Row(Contractor(context.NewWorkerId()))}\r\n"), ct),
        };
        Guid cancelled = default;
        yield return Case(HostileCategory.Replayed, "cancel a completed import", () => context.Operator(HttpMethod.Post, $"/api/imports/{cancelled}/cancel"),
            Expectation.Refused(409)) with
        {
            Before = async (http, ct) => cancelled = await ImportAndWaitAsync(context, http, Utf8($"{Header}\r\n{Row(Contractor(context.NewWorkerId()))}\r\n"), ct),
        };
    }

    /// <summary>Uploads a CSV and waits until the import is done; returns its id.</summary>
    public static async Task<Guid> ImportAndWaitAsync(CorpusContext context, HttpClient http, byte[] csv, CancellationToken cancellationToken)
    {
        using var upload = Upload(context, csv);
        using var response = await http.SendAsync(upload, cancellationToken);
        var id = Guid.Parse((string)JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["id"]!);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var get = context.Operator(HttpMethod.Get, $"/api/imports/{id}");
            using var status = await http.SendAsync(get, cancellationToken);
            if ((bool?)JsonNode.Parse(await status.Content.ReadAsStringAsync(cancellationToken))?["done"] == true) return id;
            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"import {id} did not finish within 60 s");
    }
}
