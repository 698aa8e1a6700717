using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using EntraMesh.Mapping.Rules.RuleSets.Yaml;
using EntraMesh.Mapping.Rules.TestCases;
using YamlDotNet.RepresentationModel;

namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>
/// Turns a rule-set YAML file into a compiled <see cref="RuleSet"/>, or reports every error it finds, each with its
/// line, column and YAML path (expression errors point at the character at fault). See docs/rules.md for the format.
/// </summary>
public static partial class RuleSetLoader
{
    /// <summary>Rule sets larger than this are refused before parsing.</summary>
    public const int MaxRuleSetCharacters = 1_048_576;

    public static RuleSetLoad Load(string text, string sourceName = "rules.yaml")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxRuleSetCharacters)
        {
            return new RuleSetLoad(null, [new RuleSetError(1, 1, "(file)", $"the rule set is larger than {MaxRuleSetCharacters:N0} characters")]);
        }

        var reader = new YamlReader(text);
        var root = reader.LoadDocument();
        var ruleSet = root is null ? null : Read(reader, root, text, sourceName);
        var errors = reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return errors.Count > 0 ? new RuleSetLoad(null, errors) : new RuleSetLoad(ruleSet, []);
    }

    public static async Task<RuleSetLoad> LoadFileAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        return Load(text, Path.GetFileName(path));
    }

    static RuleSet? Read(YamlReader reader, YamlNode node, string text, string sourceName)
    {
        if (reader.Mapping(node, "", "a rule set with version, targets and tests") is not { } root) return null;
        string? version = null, description = null;
        var organisation = OrganisationSettings.Default;
        List<RuleTarget>? targets = null;
        YamlNode? testsNode = null;

        foreach (var (key, keyNode, value) in reader.Entries(root, "", "version", "description", "organisation", "organization", "targets", "tests"))
        {
            switch (key)
            {
                case "version":
                    version = reader.Text(value, key, required: true, keyNode);
                    break;
                case "description":
                    description = reader.Text(value, key, required: false, keyNode);
                    break;
                case "organisation" or "organization":
                    organisation = ReadOrganisation(reader, value, key);
                    break;
                case "targets":
                    targets = TargetReader.Read(reader, value, key);
                    break;
                default:
                    testsNode = value;
                    break;
            }
        }

        if (version is null && !root.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "version"))
        {
            reader.Error(root, "version", "a rule set needs a version (it travels with every change planned from it)");
        }

        if (targets is null) reader.Error(root, "targets", "a rule set needs targets");
        var tests = testsNode is null ? [] : TestCaseReader.Read(reader, testsNode, "tests", targets ?? []);
        if (version is null || targets is null) return null;

        return new RuleSet
        {
            Version = version,
            Description = description,
            Organisation = organisation,
            Targets = targets,
            TestCases = tests,
            SourceName = sourceName,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
        };
    }

    static OrganisationSettings ReadOrganisation(YamlReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, "the organisation's timeZone and preHireWindow") is not { } mapping) return OrganisationSettings.Default;
        var timeZone = TimeZoneInfo.Utc;
        var window = TimeSpan.Zero;
        foreach (var (key, keyNode, value) in reader.Entries(mapping, path, "timeZone", "preHireWindow"))
        {
            var valuePath = YamlReader.Join(path, key);
            var text = reader.Text(value, valuePath, required: true, keyNode);
            if (text is null) continue;
            if (key == "timeZone")
            {
                if (TimeZoneInfo.TryFindSystemTimeZoneById(text, out var found)) timeZone = found;
                else reader.Error(value, valuePath, $"unknown time zone '{text}' (use an IANA name such as Europe/London or America/Chicago)");
            }
            else if (TryParseWindow(text, out var parsed))
            {
                window = parsed;
            }
            else
            {
                reader.Error(value, valuePath, $"'{text}' is not a duration: write 2w, 14d, 36h, P14D or 14.00:00:00 (not negative)");
            }
        }

        return new OrganisationSettings(timeZone, window);
    }

    [GeneratedRegex(@"^P?(?<n>\d+)\s*(?<unit>w|d|h|m)$", RegexOptions.IgnoreCase)]
    private static partial Regex ShortDuration();

    static bool TryParseWindow(string text, out TimeSpan window)
    {
        window = TimeSpan.Zero;
        var match = ShortDuration().Match(text.Trim());
        if (match.Success)
        {
            // Digits only, but as many as the writer typed: a window TimeSpan cannot hold is not a duration either.
            if (!double.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
            var minutes = n * match.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "w" => 7 * 24 * 60,
                "d" => 24 * 60,
                "h" => 60,
                _ => 1,
            };
            if (minutes > TimeSpan.MaxValue.TotalMinutes) return false;
            window = TimeSpan.FromMinutes(minutes);
            return true;
        }

        if (text.StartsWith('P'))
        {
            try
            {
                window = XmlConvert.ToTimeSpan(text);
                return window >= TimeSpan.Zero;
            }
            catch (Exception exception) when (exception is FormatException or OverflowException)
            {
                return false;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out window) && window >= TimeSpan.Zero;
    }

    /// <summary>Loads a rule set and runs its test cases: what validation, the CLI and service start-up do.</summary>
    public static async Task<RuleSetValidation> ValidateAsync(string text, string sourceName, CancellationToken cancellationToken)
    {
        var load = Load(text, sourceName);
        var results = load.RuleSet is null ? [] : await RuleTestRunner.RunAsync(load.RuleSet, cancellationToken);
        return new RuleSetValidation(load.RuleSet, load.Errors, results);
    }
}
