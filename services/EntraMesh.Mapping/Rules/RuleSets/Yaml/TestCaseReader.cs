using System.Globalization;
using System.Text.RegularExpressions;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.TestCases;
using YamlDotNet.RepresentationModel;

namespace EntraMesh.Mapping.Rules.RuleSets.Yaml;

/// <summary>Reads the <c>tests</c> of a rule set: input records and what the rules must make of them.</summary>
internal static class TestCaseReader
{
    const int MaxTests = 5_000;

    public static List<RuleTestCase> Read(YamlReader reader, YamlNode node, string path, IReadOnlyList<RuleTarget> targets)
    {
        var tests = new List<RuleTestCase>();
        if (YamlReader.IsNull(node) || reader.Sequence(node, path, "a list of test cases") is not { } sequence) return tests;
        if (sequence.Children.Count > MaxTests)
        {
            reader.Error(node, path, $"a rule set has at most {MaxTests:N0} test cases");
            return tests;
        }
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var testPath = YamlReader.Join(path, i);
            if (reader.Mapping(sequence.Children[i], testPath, "a test case") is { } mapping) ReadTest(reader, mapping, testPath, i, targets, tests);
        }

        return tests;
    }

    static void ReadTest(YamlReader reader, YamlMappingNode mapping, string path, int index, IReadOnlyList<RuleTarget> targets, List<RuleTestCase> tests)
    {
        string? name = null, workerId = null, sourceId = null;
        DateOnly? hireDate = null, terminationDate = null;
        DateTimeOffset? now = null;
        var terminated = false;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, string?>? record = null;
        TestExpectation? expect = null;

        foreach (var (key, keyNode, value) in reader.Entries(mapping, path,
            "name", "workerId", "sourceId", "hireDate", "terminationDate", "terminated", "now", "taken", "record", "expect"))
        {
            var valuePath = YamlReader.Join(path, key);
            var required = key is "name" or "workerId" or "sourceId" or "now" or "terminated";
            var text = value is YamlScalarNode || YamlReader.IsNull(value) ? reader.Text(value, valuePath, required, keyNode) : null;
            switch (key)
            {
                case "name": name = text; break;
                case "workerId": workerId = text; break;
                case "sourceId": sourceId = text; break;
                case "hireDate": hireDate = ReadDate(reader, value, valuePath, text); break;
                case "terminationDate": terminationDate = ReadDate(reader, value, valuePath, text); break;
                case "terminated": terminated = ReadBoolean(reader, value, valuePath, text) ?? false; break;
                case "now":
                    if (text is null) break;
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) now = instant;
                    else reader.Error(value, valuePath, $"'{text}' is not a date and time (write 2025-01-31T09:00:00Z)");
                    break;
                case "taken":
                    if (reader.Sequence(value, valuePath, "a list of values already taken") is { } list)
                    {
                        foreach (var item in list.Children) taken.Add(reader.Text(item, valuePath, required: true, value) ?? "");
                    }

                    break;
                case "record": record = ReadRecord(reader, value, valuePath); break;
                default: expect = ExpectationReader.Read(reader, value, valuePath, targets); break;
            }
        }

        if (name is null) reader.Error(mapping, YamlReader.Join(path, "name"), "a test case needs a name");
        if (record is null) reader.Error(mapping, YamlReader.Join(path, "record"), "a test case needs a record (attribute: value)");
        if (expect is null) reader.Error(mapping, YamlReader.Join(path, "expect"), "a test case needs an expect section");
        if (name is null || record is null || expect is null) return;

        tests.Add(new RuleTestCase
        {
            Name = name,
            Position = YamlReader.PositionOf(mapping),
            Record = new WorkerRecord
            {
                WorkerId = workerId ?? $"test-worker-{index + 1}",
                SourceId = sourceId ?? "test",
                Attributes = record,
                HireDate = hireDate,
                TerminationDate = terminationDate,
                Terminated = terminated,
            },
            Now = now,
            TakenValues = taken,
            Expect = expect,
        });
    }

    static Dictionary<string, string?>? ReadRecord(YamlReader reader, YamlNode node, string path)
    {
        if (YamlReader.IsNull(node)) return new Dictionary<string, string?>(StringComparer.Ordinal);
        if (reader.Mapping(node, path, "the record's attributes") is not { } mapping) return null;
        var record = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in reader.Entries(mapping, path)) record[key] = reader.Text(value, YamlReader.Join(path, key), required: false, keyNode);
        return record;
    }

    static DateOnly? ReadDate(YamlReader reader, YamlNode node, string path, string? text)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        reader.Error(node, path, $"'{text}' is not a date (write 2025-01-31)");
        return null;
    }

    public static bool? ReadBoolean(YamlReader reader, YamlNode node, string path, string? text)
    {
        if (text is null) return null;
        if (bool.TryParse(text, out var value)) return value;
        reader.Error(node, path, $"'{text}' is not true or false");
        return null;
    }

    public static Regex? ReadPattern(YamlReader reader, YamlNode node, string path, string? text)
    {
        if (text is null) return null;
        try
        {
            return new Regex(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException error)
        {
            reader.Error(node, path, $"invalid regular expression: {error.Message}");
            return null;
        }
    }
}
