using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Tests.RuleSets;

public sealed class RuleSetLoaderTests
{
    [Fact]
    public void Expression_error_in_a_quoted_scalar_points_at_the_line_and_column_of_the_bad_character()
    {
        var error = SingleError("""
            version: "1"
            targets:
              - name: cloud
                kind: cloud
                mappings:
                  userName: 'Join("@", [UserID] "contoso.com")'
            """);
        Assert.Equal(6, error.Line);
        Assert.Equal(37, error.Column);
        Assert.Equal("targets[0].mappings.userName", error.Path);
        Assert.Contains("expected ',' or ')' after argument 2 of Join, found a string", error.Message);
    }

    [Fact]
    public void Expression_error_in_a_literal_block_points_into_the_block()
    {
        var error = SingleError("""
            version: "1"
            targets:
              - name: ad
                kind: onPremises
                parentDistinguishedName: |
                  Switch([Location], "OU=Users,DC=contoso,DC=com",
                    "Dallas", "OU=Dallas,DC=contoso,DC=com",
                    "Austin", Frobnicate([x]))
                mappings:
                  userName: "[UserID]"
            """);
        Assert.Equal((8, 19), (error.Line, error.Column));
        Assert.Contains("unknown function 'Frobnicate'", error.Message);
    }

    [Fact]
    public void Expression_error_in_a_double_quoted_scalar_with_escapes_is_placed_after_them()
    {
        var error = SingleError("""
            version: "1"
            targets:
              - name: cloud
                kind: cloud
                mappings:
                  title: "Join(\"-\", [a], mid([b], 1, 1))"
            """);
        Assert.Equal((6, 32), (error.Line, error.Column));
        Assert.Contains("did you mean 'Mid'", error.Message);
    }

    [Fact]
    public void Every_error_of_a_rule_set_is_reported_with_its_position_in_file_order()
    {
        var load = RuleSetLoader.Load("""
            version: "1"
            organisation:
              timeZone: Mars/Olympus_Mons
              preHireWindow: two weeks
            targets:
              - name: cloud
                kind: cluod
                mappings:
                  emails.value: "[Mail]"
                  name.nickname: "[Nick]"
                  active: "True"
              - name: ad
                kind: onPremises
                scope:
                  - name: Employees
                    clauses:
                      - attribute: WorkerType
                        operator: LIKE
                        value: Employee
                      - attribute: EmployeeId
                        operator: Greater_Than
                        value: many
                mappings:
                  userName: "[UserID]"
                  UserName: "[Other]"
            tests:
              - name: goes nowhere
                record: { WorkerType: Employee }
                expect:
                  target: moon
            """, "bad.yaml");

        Assert.False(load.Succeeded);
        (int Line, int Column, string Message)[] expected =
        [
            (3, 13, "unknown time zone 'Mars/Olympus_Mons'"),
            (4, 18, "'two weeks' is not a duration"),
            (7, 11, "unknown kind 'cluod': expected cloud or onPremises"),
            (9, 7, "emails is multi-valued: write emails[type eq \"work\"].<part>"),
            (10, 7, "write name.<part>, the parts being formatted, familyName, givenName"),
            (11, 7, "'active' is decided by the target's 'active' expression"),
            (18, 23, "unknown operator 'LIKE'"),
            (21, 23, "the value must be an integer, got 'many'"),
            (25, 7, "userName is mapped more than once"),
            (30, 15, "no target is named 'moon'"),
        ];
        Assert.Equal(expected.Length, load.Errors.Count);
        foreach (var (want, got) in expected.Zip(load.Errors))
        {
            Assert.Equal((want.Line, want.Column), (got.Line, got.Column));
            Assert.Contains(want.Message, got.Message);
        }
    }

    [Theory]
    [InlineData("version: \"1\"\ntargets: [", 3, "(yaml)")]
    [InlineData("version: \"1\"\nversion: \"2\"\ntargets: []", 2, "(yaml)")]
    [InlineData("targets:\n  - name: x\n    kind: cloud\n    mappings: { userName: '[a]' }", 1, "version")]
    [InlineData("version: \"1\"\ntarget: []", 2, "target")]
    [InlineData("- just\n- a list", 1, "(root)")]
    [InlineData("", 1, "(root)")]
    public void Broken_file_is_refused_with_a_positioned_error(string yaml, int line, string path)
    {
        var load = RuleSetLoader.Load(yaml);
        Assert.False(load.Succeeded);
        Assert.Contains(load.Errors, e => e.Line == line && e.Path == path);
    }

    [Fact]
    public void Unknown_key_with_other_casing_suggests_the_right_one()
    {
        var error = SingleError("""
            version: "1"
            targets:
              - name: cloud
                Kind: cloud
                kind: cloud
                mappings: { userName: "[UserID]" }
            """);
        Assert.Equal((4, 5), (error.Line, error.Column));
        Assert.Contains("did you mean 'kind'?", error.Message);
    }

    [Fact]
    public void Cloud_target_cannot_have_an_OU()
    {
        var error = SingleError("""
            version: "1"
            targets:
              - name: cloud
                kind: cloud
                parentDistinguishedName: '"OU=x"'
                mappings: { userName: "[UserID]" }
            """);
        Assert.Contains("only an onPremises target has an OU", error.Message);
    }

    [Fact]
    public void Full_rule_set_compiles_with_every_kind_of_mapping_and_the_organisation_settings()
    {
        var ruleSet = RuleSetLoader.Load("""
            version: 2024-06-01.3
            description: everything
            organisation:
              timeZone: Europe/Berlin
              preHireWindow: P2W
            targets:
              - name: ad
                kind: on-premises
                scope:
                  - name: Berlin
                    clauses:
                      - { attribute: City, operator: EQUALS, value: Berlin }
                      - { attribute: Status, operator: IS NOT NULL }
                active: '[Status] = "Active"'
                parentDistinguishedName: '"OU=Berlin,DC=contoso,DC=com"'
                mappings:
                  externalId: { attribute: Id }
                  userName: { expression: 'SelectUniqueValue(Join("@", [First], "contoso.com"), Join("@", [Id], "contoso.com"))', applyOn: creation }
                  userType: { constant: Employee }
                  emails[type eq "work"].value: "[Mail]"
                  emails[type eq "work"].primary: '"True"'
                  PHONENUMBERS[TYPE EQ "mobile"].VALUE: "[Mobile]"
                  urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager: "[ManagerId]"
                  urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode: "[JobCode]"
                  urn:contoso:employee:HireDate: '[HireDate]'
            """).RuleSet!;

        Assert.Equal("2024-06-01.3", ruleSet.Version);
        Assert.Equal("Europe/Berlin", ruleSet.Organisation.TimeZone.Id);
        Assert.Equal(TimeSpan.FromDays(14), ruleSet.Organisation.PreHireWindow);
        var target = Assert.Single(ruleSet.Targets);
        Assert.Equal(TargetKind.OnPremises, target.Kind);
        Assert.Equal(2, target.Scope.Filters[0].Clauses.Count);
        Assert.Equal(
        [
            "externalId", "userName", "userType", "emails[type eq \"work\"].value", "emails[type eq \"work\"].primary",
            "phoneNumbers[type eq \"mobile\"].value", $"{ScimSchemas.EnterpriseUser}:manager.value",
            "urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode", "urn:contoso:employee:HireDate",
        ], target.Mappings.Select(m => m.Target.Text));
        Assert.Equal([MappingSource.Direct, MappingSource.Expression, MappingSource.Constant], target.Mappings.Take(3).Select(m => m.Kind));
        Assert.True(target.Mappings[1].CreationOnly);
        Assert.True(target.SelectsUniqueValues);
        Assert.Equal(64, ruleSet.ContentHash.Length);
    }

    [Theory]
    [InlineData("14d", 14 * 24)]
    [InlineData("36h", 36)]
    [InlineData("P1DT12H", 36)]
    [InlineData("7.00:00:00", 7 * 24)]
    [InlineData("0", 0)]
    public void Pre_hire_window_is_read_in_days_hours_ISO_8601_or_TimeSpan_form(string window, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), RuleSetLoader.Load($"""
            version: "1"
            organisation: {"{"} preHireWindow: "{window}" {"}"}
            targets:
              - {"{"} name: c, kind: cloud, mappings: {"{"} userName: "[u]" {"}"} {"}"}
            """).RuleSet!.Organisation.PreHireWindow);

    [Theory]
    [InlineData("99999999999d")]
    [InlineData("999999999w")]
    [InlineData("2147483648h")]
    [InlineData("P99999999999D")]
    [InlineData("99999999.00:00:00")]
    public void A_pre_hire_window_too_long_for_a_TimeSpan_is_an_error_naming_it_not_an_exception(string window)
    {
        var error = SingleError($"""
            version: "1"
            organisation: {"{"} preHireWindow: "{window}" {"}"}
            targets:
              - {"{"} name: c, kind: cloud, mappings: {"{"} userName: "[u]" {"}"} {"}"}
            """);

        Assert.Equal("organisation.preHireWindow", error.Path);
        Assert.Contains($"'{window}' is not a duration", error.Message, StringComparison.Ordinal);
    }

    static RuleSetError SingleError(string yaml)
    {
        var load = RuleSetLoader.Load(yaml);
        Assert.False(load.Succeeded);
        return Assert.Single(load.Errors);
    }
}
