using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EntraMesh.Ingest.Tests;

public sealed class CsvImportTests(IngestFixture ingest) : IClassFixture<IngestFixture>
{
    [Fact]
    public async Task Microsofts_CSV2SCIM_sample_imports_out_of_the_box()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "csv2scim-sample-2-records.csv"));

        var job = await Imports.UploadAndWaitAsync(ingest.Client, csv);

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("rowsRead").GetInt64());
        Assert.Equal(2, job.GetProperty("rowsAccepted").GetInt64());
        var talya = Assert.Single(await ingest.EventsForAsync("1222", 1));
        Assert.Equal("hr-csv", talya.SourceId);
        Assert.Equal("csv", talya.Channel);
        Assert.Equal("Talya", talya.Attributes["FirstName"]);
        Assert.Equal("Inactive", talya.Attributes["WorkerStatus"]);
        Assert.Equal(new DateOnly(2013, 1, 1), talya.HireDate);
        var ginnie = Assert.Single(await ingest.EventsForAsync("1513", 1));
        Assert.Null(ginnie.Attributes["Custom02"]);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_row_numbers_while_good_rows_are_accepted()
    {
        var csv = Imports.Csv(
            "WorkerID,FirstName,HireDate",
            "c-1,Ann,2020-01-01",
            ",NoId,2020-01-01",
            "c-3,Bad date,01/02/2020",
            "c-4,Too,many,fields",
            "c-5,Eve,2021-05-05");

        var job = await Imports.UploadAndWaitAsync(ingest.Client, csv);

        Assert.Equal(5, job.GetProperty("rowsRead").GetInt64());
        Assert.Equal(2, job.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(3, job.GetProperty("rowsRejected").GetInt64());
        var errors = job.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([2L, 3L, 4L], errors.Select(e => e.GetProperty("row").GetInt64()));
        Assert.Equal([3L, 4L, 5L], errors.Select(e => e.GetProperty("line").GetInt64()));
        Assert.Contains("WorkerID", errors[0].GetProperty("reason").GetString());
        Assert.Contains("HireDate", errors[1].GetProperty("reason").GetString());
        Assert.Contains("4 fields", errors[2].GetProperty("reason").GetString());
        await ingest.EventsForAsync("c-1", 1);
        await ingest.EventsForAsync("c-5", 1);
    }

    [Fact]
    public async Task Quoted_fields_with_commas_quotes_and_line_breaks_and_a_BOM_are_read_as_RFC_4180_says()
    {
        var csv = Imports.Csv(
            "WorkerID,FirstName,StreetAddress",
            "q-1,\"Smith, Jr.\",\"303 \"\"Mansion\"\" Ct\r\nSuite 2\"",
            "q-2,Zoë,plain");

        var job = await Imports.UploadAndWaitAsync(ingest.Client, csv, withBom: true);

        Assert.Equal(2, job.GetProperty("rowsAccepted").GetInt64());
        var first = Assert.Single(await ingest.EventsForAsync("q-1", 1));
        Assert.Equal("Smith, Jr.", first.Attributes["FirstName"]);
        Assert.Equal("303 \"Mansion\" Ct\r\nSuite 2", first.Attributes["StreetAddress"]);
        Assert.Equal("Zoë", Assert.Single(await ingest.EventsForAsync("q-2", 1)).Attributes["FirstName"]);
    }

    [Fact]
    public async Task Large_file_of_accented_names_is_accepted_whatever_pieces_the_body_arrives_in()
    {
        // About 1 MB of three-byte characters: the body is read in pieces that end inside a character.
        var rows = Enumerable.Range(1, 4000).Select(i => $"acc-{i},Zoë€{i},Ødegård 李小龍 {new string('€', 60)}");
        var csv = Imports.Csv(["WorkerID,FirstName,LastName", .. rows]);

        var job = await Imports.UploadAndWaitAsync(ingest.Client, csv);

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(4000, job.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal("Zoë€4000", Assert.Single(await ingest.EventsForAsync("acc-4000", 1)).Attributes["FirstName"]);
    }

    [Fact]
    public async Task A_multipart_upload_is_accepted()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Imports.Csv("WorkerID,FirstName", "m-1,Multi")));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "workers.csv");

        using var response = await ingest.Client.PostAsync("/api/imports?source=hr-csv", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await Imports.WaitAsync(ingest.Client, response.Headers.Location!.ToString());
        Assert.Equal("workers.csv", job.GetProperty("fileName").GetString());
        await ingest.EventsForAsync("m-1", 1);
    }

    [Theory]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nWorkerID\r\n1\r\n", "b", "ends before its closing boundary")]
    [InlineData("--b\r\n", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "longer than 70 characters")]
    public async Task A_truncated_multipart_body_or_an_overlong_boundary_is_400_naming_it(string body, string boundary, string named)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

        using var response = await ingest.Client.PostAsync("/api/imports?source=hr-csv", content);

        await WebhookTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, named);
    }

    [Theory]
    [InlineData("filename*=UTF-8''%2Fetc%2Fpasswd%00.csv", "passwd.csv")]
    [InlineData("filename=\"../../../../tmp/escape.csv\"", "escape.csv")]
    [InlineData("filename=\"C:\\\\hr\\\\workers.csv\"", "workers.csv")]
    public async Task A_multipart_file_name_is_kept_as_its_last_segment_without_control_characters(string disposition, string kept)
    {
        var body = $"--b\r\nContent-Disposition: form-data; name=\"file\"; {disposition}\r\n\r\nWorkerID,FirstName\r\nfn-{kept},A\r\n--b--\r\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        using var response = await ingest.Client.PostAsync("/api/imports?source=hr-csv", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await Imports.WaitAsync(ingest.Client, response.Headers.Location!.ToString());
        Assert.Equal(kept, job.GetProperty("fileName").GetString());
        Assert.Equal(1, job.GetProperty("rowsAccepted").GetInt64());
    }

    [Theory]
    [InlineData("FirstName,LastName\r\nAnn,Lee\r\n", "no column 'WorkerID'")]
    [InlineData("", "empty")]
    [InlineData("WorkerID,FirstName,FirstName\r\n1,a,b\r\n", "more than once")]
    public async Task A_bad_header_is_400_naming_the_problem_and_no_job_is_created(string csv, string named)
    {
        var jobsBefore = await ingest.ScalarAsync<long>("SELECT count(*) FROM ingest.import_job");

        using var response = await Imports.UploadAsync(ingest.Client, csv);

        await WebhookTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, named);
        Assert.Equal(jobsBefore, await ingest.ScalarAsync<long>("SELECT count(*) FROM ingest.import_job"));
    }

    [Fact]
    public async Task Invalid_UTF8_is_400()
    {
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes("WorkerID,FirstName\r\n1,"), 0xC3, 0x28, (byte)'\r', (byte)'\n']);
        content.Headers.ContentType = new("text/csv");

        using var response = await ingest.Client.PostAsync("/api/imports", content);

        await WebhookTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "UTF-8");
    }

    [Fact]
    public async Task Wrong_content_type_is_415_unknown_source_404_and_unknown_mode_400()
    {
        using var json = await Imports.UploadAsync(ingest.Client, "{}", contentType: "application/json");
        using var unknown = await Imports.UploadAsync(ingest.Client, "WorkerID\r\n1\r\n", "?source=nope");
        using var mode = await Imports.UploadAsync(ingest.Client, "WorkerID\r\n1\r\n", "?mode=partial");

        await WebhookTests.AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType, "text/csv");
        await WebhookTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "nope");
        await WebhookTests.AssertProblemAsync(mode, HttpStatusCode.BadRequest, "mode");
    }

    [Fact]
    public async Task An_unknown_import_is_404()
    {
        using var response = await ingest.Client.GetAsync($"/api/imports/{Guid.NewGuid()}");

        await WebhookTests.AssertProblemAsync(response, HttpStatusCode.NotFound, "does not exist");
    }

    [Fact]
    public async Task An_upload_retried_with_its_Idempotency_Key_finds_the_first_import_instead_of_importing_again()
    {
        var key = "\"upload-" + Guid.NewGuid().ToString("N") + "\"";
        var csv = Imports.Csv("WorkerID,FirstName", "idem-1,Ann", "idem-2,Bob");

        using var first = await Imports.UploadAsync(ingest.Client, csv, idempotencyKey: key);
        await Imports.WaitAsync(ingest.Client, first.Headers.Location!.ToString());
        using var retried = await Imports.UploadAsync(ingest.Client, csv, idempotencyKey: key);
        using var another = await Imports.UploadAsync(ingest.Client, csv, idempotencyKey: "upload-" + Guid.NewGuid().ToString("N"));
        await Imports.WaitAsync(ingest.Client, another.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(first.Headers.Location, retried.Headers.Location);
        Assert.Equal("true", Assert.Single(retried.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(first.Headers.Location, another.Headers.Location);
        var job = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        await ingest.QuiesceAsync();
        // Two uploads imported (the first and the one with another key), the retry nothing: two records per worker.
        Assert.Equal(2, (await ingest.EventsForAsync("idem-1", 2)).Count);
        Assert.Equal(2, ingest.Events.For("idem-2").Count);
    }

    [Theory]
    [InlineData("k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k12345")]
    [InlineData("has space")]
    [InlineData("\"\"")]
    public async Task A_malformed_Idempotency_Key_is_400_naming_the_header(string key)
    {
        using var response = await Imports.UploadAsync(ingest.Client, Imports.Csv("WorkerID", "idem-bad"), idempotencyKey: key);

        await WebhookTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }
}
