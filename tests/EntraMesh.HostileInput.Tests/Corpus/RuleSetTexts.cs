using System.Text;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>Rule sets for the rules API: a small valid one to vary, and hostile YAML.</summary>
public static class RuleSetTexts
{
    /// <summary>A valid one-target rule set; <paramref name="displayName"/>, <paramref name="organisation"/> and <paramref name="scope"/> are spliced in.</summary>
    public static string Valid(string displayName = "'[FullName]'", string organisation = "timeZone: UTC", string scope = "") => $"""
        version: "hostile-1"
        organisation:
          {organisation}
        targets:
          - name: cloud
            kind: cloud
        {scope}
            mappings:
              externalId: "[WorkerID]"
              userName: "[UserID]"
              displayName: {displayName}
        """;

    /// <summary>YAML that must be answered with errors (line, column, message), never a failure of the service.</summary>
    public static IEnumerable<(string Name, string Yaml)> Invalid()
    {
        yield return ("YAML syntax error", "version: \"1\"\ntargets: [\n  - name: x\n");
        yield return ("tab indentation", "version: \"1\"\ntargets:\n\t- name: x\n");
        yield return ("a scalar document", "just a string");
        yield return ("a list document", "- a\n- b\n");
        yield return ("two documents", Valid() + "\n---\n" + Valid());
        yield return ("nested 100 deep", "version: \"1\"\ntargets: " + new string('[', 100) + new string(']', 100) + "\n");
        yield return ("nested 100,000 deep", new string('[', 100_000) + new string(']', 100_000));
        yield return ("unterminated 200,000 deep", new string('{', 200_000));
        yield return ("billion laughs", BillionLaughs());
        yield return ("alias to an undefined anchor", "version: \"1\"\ntargets: *nowhere\n");
        yield return ("self-referencing anchor", "version: \"1\"\ntargets: &a [*a]\n");
        yield return ("Python object tag", "version: !!python/object/apply:os.system [\"touch /tmp/entramesh-pwned\"]\ntargets: []\n");
        yield return ("binary tag", "version: !!binary aGVsbG8=\ntargets: []\n");
        yield return ("custom tag", "version: !Ref x\ntargets: []\n");
        yield return ("duplicate keys", "version: \"1\"\nversion: \"2\"\ntargets: []\n");
        yield return ("merge key loop", "a: &a\n  <<: *a\nversion: \"1\"\ntargets: []\n");
        yield return ("unknown key", Valid().Replace("version:", "versoin:", StringComparison.Ordinal));
        yield return ("expression of 10,001 characters", Valid($"'\"{new string('x', 9_999)}\"'"));
        yield return ("expression nested 2,000 deep", Valid("'" + string.Concat(Enumerable.Repeat("Trim(", 1_600)) + "[FullName]" + new string(')', 1_600) + "'"));
        yield return ("expression of 5,000 open parentheses", Valid("'" + new string('(', 5_000) + "'"));
        yield return ("unterminated string in an expression", Valid("'\"abc'"));
        yield return ("integer literal beyond long", Valid("'Left([FullName], 999999999999999999999999)'"));
        yield return ("hexadecimal literal beyond long", Valid("'BitAnd(&HFFFFFFFFFFFFFFFFFFFFFFFF, 1)'"));
        yield return ("unknown function", Valid("'Exec(\"rm -rf /\")'"));
        yield return ("SQL in an expression", Valid("'[FullName]; DROP TABLE planned_identity;--'"));
        yield return ("time zone that climbs the file system", Valid(organisation: "timeZone: ../../../../etc/passwd"));
        yield return ("time zone that is an absolute path", Valid(organisation: "timeZone: /etc/shadow"));
        yield return ("pre-hire window beyond int", Valid(organisation: "preHireWindow: 99999999999d"));
        yield return ("pre-hire window beyond TimeSpan", Valid(organisation: "preHireWindow: 999999999w"));
        yield return ("ISO pre-hire window beyond TimeSpan", Valid(organisation: "preHireWindow: P99999999999D"));
        yield return ("negative pre-hire window", Valid(organisation: "preHireWindow: -5d"));
        yield return ("invalid regular expression in a scope", Valid(scope: "    scope:\n      - name: bad\n        clauses:\n          - { attribute: FullName, operator: REGEX MATCH, value: \"(unclosed\" }"));
        yield return ("test case that expects a catastrophic regex", Valid() + "\ntests:\n  - name: redos\n    record: { WorkerID: \"1\", FullName: \"" + new string('a', 40) + "!\" }\n    expect:\n      values:\n        displayName: { regex: \"^(a+)+$\" }\n");
        yield return ("test case far in the future", Valid("'DateAdd(\"yyyy\", 5, Now())'") + "\ntests:\n  - name: end of time\n    now: 9999-12-31T23:59:59Z\n    record: { WorkerID: \"1\" }\n    expect:\n      values:\n        displayName: x\n");
        yield return ("test case at the beginning of time", Valid("'DateAdd(\"d\", -1, Now())'") + "\ntests:\n  - name: start of time\n    now: 0001-01-01T00:00:00Z\n    record: { WorkerID: \"1\" }\n    expect:\n      values:\n        displayName: x\n");
        yield return ("test case with a hire date in year 99999", Valid() + "\ntests:\n  - name: far hire\n    hireDate: 99999-01-01\n    record: { WorkerID: \"1\" }\n");
    }

    /// <summary>Nine levels of nine aliases: 387 million leaves if anything expanded them.</summary>
    static string BillionLaughs()
    {
        var text = new StringBuilder("version: \"1\"\nl0: &l0 \"lol\"\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"l{level}: &l{level} [").AppendJoin(",", Enumerable.Repeat($"*l{level - 1}", 9)).Append("]\n");
        }

        return text.Append("targets: *l9\ntests: *l9\n").ToString();
    }
}
