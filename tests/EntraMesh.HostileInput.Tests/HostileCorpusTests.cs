using EntraMesh.HostileInput.Tests.Corpus;

namespace EntraMesh.HostileInput.Tests;

/// <summary>The generated corpus against the running mesh, through the gateway only.</summary>
public sealed class HostileCorpusTests(HostileMesh mesh, ITestOutputHelper output)
{
    [Fact]
    public void The_corpus_holds_at_least_500_requests_of_every_category_against_every_surface()
    {
        var cases = CorpusOutcome.Build(new CorpusContext("secret", "key", 0));

        Assert.True(cases.Count >= 500, $"only {cases.Count} cases");
        Assert.All(Enum.GetValues<HostileCategory>(), category => Assert.Contains(cases, c => c.Category == category));
        Assert.All(Enum.GetValues<Surface>(), surface => Assert.Contains(cases, c => c.Surface == surface));
        Assert.Equal(cases.Count, cases.Select(c => c.ToString()).Distinct().Count());
    }

    [Fact]
    public async Task Every_hostile_request_gets_a_problem_document_or_is_valid_data_and_nothing_gets_a_server_error()
    {
        var outcome = await mesh.CorpusAsync();
        output.WriteLine(outcome.Report);

        var wrong = outcome.Answers.Where(a => !a.Right).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {outcome.Answers.Count} answers are wrong:\n{string.Join("\n", wrong)}");
        Assert.DoesNotContain(outcome.Answers, a => a.Status >= 500);
    }

    [Fact]
    public async Task Accepted_imports_finish_with_every_row_accepted_or_rejected_with_its_reason()
    {
        var outcome = await mesh.CorpusAsync();

        Assert.True(outcome.ImportProblems.Count == 0, string.Join("\n", outcome.ImportProblems));
    }

    [Fact]
    public async Task Valid_data_that_looks_hostile_reaches_the_directory_verbatim()
    {
        var outcome = await mesh.CorpusAsync();

        Assert.True(outcome.DirectoryProblems.Count == 0, $"{outcome.DirectoryProblems.Count} workers wrong or missing:\n{string.Join("\n", outcome.DirectoryProblems)}");
    }

    [Fact]
    public async Task Good_webhooks_sent_between_hostile_requests_are_accepted_and_provisioned()
    {
        var outcome = await mesh.CorpusAsync();

        Assert.Empty(outcome.GoodTrafficProblems);
        Assert.True(outcome.GoodSent >= outcome.Answers.Count / CorpusRunner.GoodEvery, $"only {outcome.GoodSent} good webhooks went through");
    }

    [Fact]
    public async Task No_service_crashed_or_restarted_and_every_one_is_still_ready()
    {
        var outcome = await mesh.CorpusAsync();

        Assert.True(outcome.Crashed.Count == 0, string.Join("\n", outcome.Crashed) + "\n" + mesh.Logs());
    }
}
