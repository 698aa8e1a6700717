using System.Text.Json.Nodes;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.Expressions;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Mapping.Tests.Expressions;
using EntraMesh.Scim;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.Mapping.Tests.RuleSets;

public sealed class EvaluationTests
{
    const string Custom = "urn:ietf:params:scim:schemas:extension:contoso:1.0:User";

    static readonly RuleSet Rules = RuleSetLoader.Load($"""
        version: "7"
        organisation: {"{"} timeZone: America/Chicago, preHireWindow: 14d {"}"}
        targets:
          - name: ad
            kind: onPremises
            scope:
              - name: Employees in Dallas
                clauses:
                  - {"{"} attribute: Type, operator: EQUALS, value: Employee {"}"}
                  - {"{"} attribute: City, operator: EQUALS, value: Dallas {"}"}
            active: '[Status] = "Active"'
            parentDistinguishedName: 'Switch([Dept], "OU=Users,DC=contoso,DC=com", "Sales", "OU=Sales,DC=contoso,DC=com", "None", "")'
            mappings:
              externalId: "[Id]"
              userName:
                expression: >-
                  SelectUniqueValue(Join("@", [First], "contoso.com"), Join("@", Join(".", [First], [Last]), "contoso.com"), Join("@", [Id], "contoso.com"))
                applyOn: creation
              title: IgnoreFlowIfNullOrEmpty([Title])
              nickName: "[Nick]"
              displayName: Redact(Join(" ", [First], [Last]))
              emails[type eq "work"].value: Join("@", [First], "contoso.com")
              emails[type eq "work"].primary: '"True"'
              {Custom}:Skills: Split([Skills], ",")
              {Custom}:HireDate: FormatDateTime([Hired], , "yyyy-MM-dd", "yyyy-MM-ddT00:00:00zzz")
              {Custom}:Stamp: Join("|", Now(), Guid(), RandomString(8, 2, 2, 2, 2))
          - name: everyone
            kind: cloud
            mappings:
              userName: "[First]"
        """).RuleSet!;

    static Dictionary<string, string?> Dallas(params string[] overrides)
    {
        var attributes = Evaluate.Attributes(
            "Id", "42", "Type", "Employee", "City", "Dallas", "Status", "Active", "Dept", "Sales", "First", "Ana", "Last", "Ruiz",
            "Title", "Buyer", "Nick", "", "Skills", "sql, c#", "Hired", "2024-03-01");
        foreach (var (key, value) in Evaluate.Attributes(overrides)) attributes[key] = value;
        return attributes;
    }

    static EvaluationOptions Options(UniqueValueCheck? isUnique = null, bool explain = false) => new()
    {
        Environment = new EvaluationEnvironment(new FakeTimeProvider(new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero)), Randomness.FromSeed(3)),
        IsUnique = isUnique,
        Explain = explain,
    };

    static Task<RuleEvaluation> EvaluateAsync(Dictionary<string, string?> attributes, EvaluationOptions? options = null, Func<WorkerRecord, WorkerRecord>? change = null)
    {
        var record = new WorkerRecord { WorkerId = "w-42", SourceId = "hr", Attributes = attributes };
        return Rules.EvaluateAsync(change?.Invoke(record) ?? record, options ?? Options()).AsTask();
    }

    [Fact]
    public async Task Data_is_the_SCIM_object_dispatch_sends_with_schemas_for_every_namespace_used()
    {
        var target = (await EvaluateAsync(Dallas())).Selected!;
        var data = target.Data!;
        Assert.Equal([ScimSchemas.CoreUser, ScimSchemas.EnterpriseUser, Custom, ScimSchemas.EntraMeshExtension], data["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("42", data["externalId"]!.GetValue<string>());
        Assert.Equal("Ana@contoso.com", data["userName"]!.GetValue<string>());
        Assert.Equal("Ana Ruiz", data["displayName"]!.GetValue<string>());
        Assert.Equal("", data["nickName"]!.GetValue<string>());
        Assert.True(data["active"]!.GetValue<bool>());
        Assert.True(data["emails"]![0]!["primary"]!.GetValue<bool>());
        Assert.Equal("work", data["emails"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(["sql", "c#"], data[Custom]!["Skills"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("2024-03-01T00:00:00+00:00", data[Custom]!["HireDate"]!.GetValue<string>());
        Assert.Equal("OU=Sales,DC=contoso,DC=com", data[ScimSchemas.EntraMeshExtension]![ScimSchemas.ParentDistinguishedName]!.GetValue<string>());
        Assert.Equal(["userName"], target.CreationOnlyAttributes);
        Assert.Equal(["displayName"], target.RedactedAttributes);
    }

    [Fact]
    public async Task Attributes_dropped_by_IgnoreFlowIfNullOrEmpty_or_null_are_absent_while_empty_strings_are_sent()
    {
        var data = (await EvaluateAsync(Dallas("Title", "", "Nick", Evaluate.Null, "Skills", Evaluate.Null))).Selected!.Data!;
        Assert.False(data.ContainsKey("title"));
        Assert.False(data.ContainsKey("nickName"));
        Assert.False(data[Custom]!.AsObject().ContainsKey("Skills"));
    }

    [Fact]
    public async Task Empty_OU_leaves_parentDistinguishedName_out_so_the_job_default_applies()
    {
        var target = (await EvaluateAsync(Dallas("Dept", "None"))).Selected!;
        Assert.Null(target.ParentDistinguishedName);
        Assert.False(target.Data!.ContainsKey(ScimSchemas.EntraMeshExtension));
        Assert.DoesNotContain(ScimSchemas.EntraMeshExtension, target.Data!["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Now_Guid_and_RandomString_come_from_the_injected_clock_and_randomness()
    {
        var first = (await EvaluateAsync(Dallas())).Selected!.Data![Custom]!["Stamp"]!.GetValue<string>();
        var again = (await EvaluateAsync(Dallas())).Selected!.Data![Custom]!["Stamp"]!.GetValue<string>();
        Assert.Equal(first, again);
        Assert.StartsWith("1/15/2025 12:00:00 PM|", first);
    }

    [Fact]
    public async Task SelectUniqueValue_asks_the_callers_asynchronous_check_rule_by_rule()
    {
        var asked = new List<UniqueValueQuery>();
        async ValueTask<bool> IsUnique(UniqueValueQuery query, CancellationToken cancellationToken)
        {
            await Task.Yield();
            asked.Add(query);
            return query.Value != "Ana@contoso.com";
        }

        var target = (await EvaluateAsync(Dallas(), Options(IsUnique))).Selected!;
        Assert.Equal("Ana.Ruiz@contoso.com", target.Data!["userName"]!.GetValue<string>());
        Assert.Equal(["Ana@contoso.com", "Ana.Ruiz@contoso.com"], asked.Select(q => q.Value));
        Assert.All(asked, q => Assert.Equal(("ad", "userName", "w-42", "hr"), (q.Target, q.Attribute.Text, q.WorkerId, q.SourceId)));
    }

    [Fact]
    public async Task SelectUniqueValue_with_every_value_taken_is_a_rule_error_for_that_record()
    {
        var target = (await EvaluateAsync(Dallas(), Options((_, _) => ValueTask.FromResult(false)))).Selected!;
        Assert.Null(target.Data);
        Assert.Equal("userName", target.Error!.Attribute);
        Assert.Contains("every one of its 3 rules gives a value that is already taken", target.Error.Message);
        Assert.Equal(17, target.Error.Position.Line);
    }

    [Fact]
    public async Task Failing_expression_is_a_rule_error_naming_the_attribute_and_its_position()
    {
        var evaluation = await EvaluateAsync(Dallas("Hired", "03/01/2024"));
        var error = evaluation.Selected!.Error!;
        Assert.Null(evaluation.Selected.Data);
        Assert.Equal(("ad", $"{Custom}:HireDate"), (error.Target, error.Attribute));
        Assert.Contains("does not match the input format \"yyyy-MM-dd\"", error.Message);
        Assert.Equal((25, 88), (error.Position.Line, error.Position.Column));
    }

    [Fact]
    public async Task Active_that_is_not_a_boolean_is_a_rule_error()
    {
        var rules = RuleSetLoader.Load("""
            version: "1"
            targets:
              - { name: c, kind: cloud, active: '[Status]', mappings: { userName: "[u]" } }
            """).RuleSet!;
        var evaluation = await rules.EvaluateAsync(new WorkerRecord { WorkerId = "1", SourceId = "s", Attributes = Evaluate.Attributes("Status", "Sometimes") });
        Assert.Equal("active", evaluation.Selected!.Error!.Attribute);
        Assert.Contains("active must evaluate to True or False, got \"Sometimes\"", evaluation.Selected.Error.Message);
    }

    [Fact]
    public async Task First_target_whose_filters_take_the_record_is_selected_and_later_ones_only_report_their_scope()
    {
        var evaluation = await EvaluateAsync(Dallas());
        Assert.Equal(["ad", "everyone"], evaluation.Targets.Select(t => t.Name));
        Assert.True(evaluation.Targets[0].Selected);
        Assert.Equal("Employees in Dallas", evaluation.Targets[0].Filter);
        Assert.True(evaluation.Targets[1].InScope);
        Assert.False(evaluation.Targets[1].Selected);
        Assert.Null(evaluation.Targets[1].Data);

        var elsewhere = await EvaluateAsync(Dallas("City", "Austin"));
        Assert.False(elsewhere.Targets[0].InScope);
        Assert.Equal("everyone", elsewhere.Selected!.Name);
        Assert.Equal("w-42", elsewhere.Selected.Data!["externalId"]!.GetValue<string>());
        Assert.Equal(Rules.Version, elsewhere.RuleSetVersion);
    }

    [Fact]
    public async Task Terminated_worker_or_reached_termination_date_makes_active_false()
    {
        Assert.False((await EvaluateAsync(Dallas(), change: r => r with { Terminated = true })).Selected!.Active);
        Assert.False((await EvaluateAsync(Dallas(), change: r => r with { TerminationDate = new DateOnly(2025, 1, 15) })).Selected!.Active);
        Assert.True((await EvaluateAsync(Dallas(), change: r => r with { TerminationDate = new DateOnly(2025, 1, 16) })).Selected!.Active);
    }

    [Fact]
    public async Task Hire_and_termination_dates_become_instants_in_the_organisations_time_zone()
    {
        var evaluation = await EvaluateAsync(Dallas(), change: r => r with { HireDate = new DateOnly(2025, 3, 20), TerminationDate = new DateOnly(2025, 12, 31) });
        Assert.Equal(new DateTimeOffset(2025, 3, 6, 0, 0, 0, TimeSpan.FromHours(-6)), evaluation.ProvisionFrom);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.FromHours(-6)), evaluation.TerminationAt);
    }

    [Fact]
    public async Task Explained_evaluation_names_the_filter_and_expression_of_every_value_and_hides_redacted_ones()
    {
        var values = (await EvaluateAsync(Dallas("Title", ""), Options(explain: true))).Selected!.Values;
        var title = values.Single(v => v.Attribute == "title");
        Assert.Equal(("IgnoreFlowIfNullOrEmpty", false, "Employees in Dallas"), (title.OmittedBecause, title.Sent, title.Filter));
        Assert.Equal("IgnoreFlowIfNullOrEmpty([Title])", title.Expression);
        Assert.Equal(19, title.Position.Line);
        var displayName = values.Single(v => v.Attribute == "displayName");
        Assert.Equal("[Redact]", displayName.Value!.GetValue<string>());
        Assert.True(displayName.Redacted);
        Assert.Equal("[Status] = \"Active\"", values.Single(v => v.Attribute == "active").Expression);
        Assert.Equal("OU=Sales,DC=contoso,DC=com", values.Single(v => v.Attribute == ScimSchemas.ParentDistinguishedName).Value!.GetValue<string>());
    }

    [Fact]
    public async Task Record_in_no_targets_scope_is_out_of_scope_everywhere()
    {
        var rules = RuleSetLoader.Load("""
            version: "1"
            targets:
              - name: c
                kind: cloud
                scope: [ { name: Sales, clauses: [ { attribute: Dept, operator: EQUALS, value: Sales } ] } ]
                mappings: { userName: "[u]" }
            """).RuleSet!;
        var evaluation = await rules.EvaluateAsync(new WorkerRecord { WorkerId = "1", SourceId = "s", Attributes = Evaluate.Attributes("Dept", Evaluate.Null) });
        Assert.Null(evaluation.Selected);
        Assert.All(evaluation.Targets, t => Assert.False(t.InScope));
    }

    [Fact]
    public async Task Evaluations_of_one_compiled_rule_set_run_in_parallel_without_interfering()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => EvaluateAsync(Dallas("Id", $"{i}", "First", $"P{i}")))));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(($"{i}", $"P{i}@contoso.com"), (results[i].Selected!.Data!["externalId"]!.GetValue<string>(), results[i].Selected!.Data!["userName"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Changed_attributes_are_named_by_their_rule_set_paths()
    {
        var before = (await EvaluateAsync(Dallas())).Selected!.Data!;
        var after = (await EvaluateAsync(Dallas("First", "Anabel", "Title", "Lead", "Dept", "Other"))).Selected!.Data!;
        Assert.Equal(
        [
            "userName", "title", "displayName", "emails[type eq \"work\"].value",
            $"{ScimSchemas.EntraMeshExtension}:{ScimSchemas.ParentDistinguishedName}",
        ], ScimData.ChangedAttributes(before, after));
        Assert.Empty(ScimData.ChangedAttributes(before, (JsonObject)before.DeepClone()));
        Assert.Contains("externalId", ScimData.ChangedAttributes(null, after));
    }

    [Fact]
    public void Data_paths_can_be_read_back_from_the_SCIM_object()
    {
        var data = ScimData.Create();
        var (work, _) = ScimPath.Parse("addresses[type eq \"work\"].locality");
        var (home, _) = ScimPath.Parse("addresses[type eq \"home\"].locality");
        ScimData.Set(data, work!, JsonValue.Create("Dallas"));
        ScimData.Set(data, home!, JsonValue.Create("Plano"));
        Assert.Equal("Dallas", ScimData.Read(data, work!)!.GetValue<string>());
        Assert.Equal("Plano", ScimData.Read(data, home!)!.GetValue<string>());
        Assert.Equal(2, data["addresses"]!.AsArray().Count);
    }
}
