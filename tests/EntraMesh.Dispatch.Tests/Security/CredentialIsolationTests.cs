using System.Text.RegularExpressions;
using EntraMesh.Dispatch.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace EntraMesh.Dispatch.Tests.Security;

/// <summary>
/// Only dispatch holds the Entra credential. No other service's code or configuration, nothing shared, no chart or
/// kustomize values and no compose file names its settings or its Secret, except dispatch's own wiring in the chart.
/// The emulator is left out: it plays Entra, and holds its emulated apps' credentials the way Entra holds the real ones.
/// </summary>
public sealed partial class CredentialIsolationTests
{
    static readonly string[] OtherServices = ["EntraMesh.Gateway", "EntraMesh.Ingest", "EntraMesh.Mapping", "EntraMesh.Reconciliation"];

    [Fact]
    public void No_other_service_and_nothing_shared_names_the_Entra_credential_or_acquires_Entra_tokens()
    {
        var files = OtherServices.SelectMany(service => RepositoryFiles.Under(Path.Combine("services", service)))
            .Concat(RepositoryFiles.Under("shared"))
            .Where(file => !file.EndsWith(".dll", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);

        var offending = Offending(files, line => CredentialPattern().IsMatch(line) || line.Contains("Microsoft.Identity.Client", StringComparison.Ordinal));

        Assert.Empty(offending);
    }

    [Fact]
    public void Kustomize_overlays_carry_no_Entra_credential_setting()
    {
        var files = RepositoryFiles.Under("k8s").ToList();
        Assert.NotEmpty(files);

        Assert.Empty(Offending(files, CredentialPattern().IsMatch));
    }

    /// <summary>
    /// In docker-compose.yml only dispatch gets target settings and the dispatch secrets volume; <c>dev-secrets</c>
    /// writes the dispatch credential into that volume alone; the emulator (Entra's stand-in) holds its own app secret.
    /// </summary>
    [Fact]
    public void Compose_file_gives_the_Entra_credential_to_dispatch_alone()
    {
        var path = RepositoryFiles.PathOf("docker-compose.yml");
        Assert.True(File.Exists(path), "docker-compose.yml exists");
        var services = Assert.IsType<YamlMappingNode>(Child(Load(path), "services"));

        foreach (var (name, service) in services.Children.Select(p => (((YamlScalarNode)p.Key).Value!, p.Value)))
        {
            var texts = Strings(service).ToList();
            if (name != "dispatch" && name != "dev-secrets")
            {
                Assert.DoesNotContain(texts, text => DispatchSettings().IsMatch(text));
                Assert.DoesNotContain(texts, text => text.Contains("secrets-dispatch", StringComparison.Ordinal));
            }

            if (name is not ("dispatch" or "dev-secrets" or "entra-emulator"))
            {
                Assert.DoesNotContain(texts, text => CredentialPattern().IsMatch(text));
            }

            if (name == "dev-secrets")
            {
                var writes = texts.SelectMany(text => text.Split('\n')).Where(line => DispatchSettings().IsMatch(line)).ToList();
                Assert.NotEmpty(writes);
                Assert.All(writes, line => Assert.Matches(@"/secrets/dispatch/Dispatch__Targets__\d+__ClientSecret\s*$", line));
            }
        }
    }

    [Theory]
    [InlineData("charts/entramesh/values.yaml")]
    [InlineData("k8s/base/values.yaml")]
    [InlineData("k8s/overlays/dev/values-dev.yaml")]
    [InlineData("k8s/overlays/prod/values-prod.yaml")]
    public void Chart_values_mount_the_Entra_Secret_into_dispatch_only_and_hold_no_secret_themselves(string valuesFile)
    {
        var path = RepositoryFiles.PathOf(valuesFile.Split('/'));
        Assert.True(File.Exists(path), $"{valuesFile} exists");
        var root = Load(path);

        if (Child(root, "services") is YamlMappingNode services)
        {
            foreach (var (name, service) in services.Children.Select(p => (((YamlScalarNode)p.Key).Value!, p.Value as YamlMappingNode)))
            {
                if (Child(service, "entraCredential") is YamlScalarNode { Value: "true" }) Assert.Equal("dispatch", name);
                if (name != "dispatch" && Child(service, "env") is YamlMappingNode env)
                {
                    Assert.DoesNotContain(env.Children.Keys.OfType<YamlScalarNode>(), key => CredentialPattern().IsMatch(key.Value!));
                }
            }
        }

        // The entra section names targets and the Secret that holds their credentials (existingSecret); never a credential itself.
        var secretKeys = Scalars(Child(root, "entra")).Where(pair => SecretValueKey().IsMatch(pair.Key)).ToList();
        Assert.Empty(secretKeys);
    }

    [Fact]
    public void Chart_passes_target_settings_to_dispatch_alone()
    {
        var templates = RepositoryFiles.Under(Path.Combine("charts", "entramesh", "templates")).ToList();
        Assert.NotEmpty(templates);

        var outsideDispatch = templates.SelectMany(file =>
        {
            var text = CredentialHolderEnvBlocks().Replace(File.ReadAllText(file), "");
            return text.Split('\n').Where(line => TargetSettings().IsMatch(line)).Select(line => $"{RepositoryFiles.Relative(file)}: {line.Trim()}");
        }).ToList();

        Assert.Empty(outsideDispatch);
    }

    static List<string> Offending(IEnumerable<string> files, Func<string, bool> offends) =>
        files.SelectMany(file => File.ReadLines(file).Select((line, index) => (line, index))
                .Where(pair => offends(pair.line))
                .Select(pair => $"{RepositoryFiles.Relative(file)}:{pair.index + 1}: {pair.line.Trim()}"))
            .ToList();

    static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(path);
        stream.Load(reader);
        return stream.Documents.Count == 0 ? new YamlMappingNode() : (YamlMappingNode)stream.Documents[0].RootNode;
    }

    static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Every key and value under <paramref name="node"/>.</summary>
    static IEnumerable<string> Strings(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value is { } value ? [value] : [],
        YamlMappingNode mapping => mapping.Children.SelectMany(pair => Strings(pair.Key).Concat(Strings(pair.Value))),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Strings),
        _ => [],
    };

    static IEnumerable<KeyValuePair<string, string?>> Scalars(YamlNode? node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(pair => pair.Value is YamlScalarNode scalar
            ? [KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, scalar.Value)]
            : Scalars(pair.Value)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        _ => [],
    };

    /// <summary>Dispatch's target settings, the credential's settings and the Entra Secret's key names.</summary>
    [GeneratedRegex(@"ClientSecret|client[-_]secret|CertificateKeyPath|CertificatePath|CredentialDirectory|private-key\.pem|Dispatch(:|__)Targets|entra\.existingSecret|ConfidentialClientApplication", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialPattern();

    [GeneratedRegex(@"Dispatch(:|__)Targets", RegexOptions.IgnoreCase)]
    private static partial Regex DispatchSettings();

    [GeneratedRegex(@"^(?!existingSecret$).*(secret$|password|certificate|privatekey|private-key)|^key$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValueKey();

    [GeneratedRegex(@"Dispatch(:|__)Targets|ClientSecret|CertificatePath|CertificateKeyPath|CredentialDirectory", RegexOptions.IgnoreCase)]
    private static partial Regex TargetSettings();

    /// <summary>
    /// The <c>entramesh.env.dispatch</c> template (dispatch's own environment) and <c>entramesh.env.emulator</c>:
    /// the emulator plays the Entra tenant, which has to know the app registration's secret to check it.
    /// </summary>
    [GeneratedRegex(@"\{\{-?\s*define\s+""entramesh\.env\.(dispatch|emulator)""\s*-?\}\}.*?\{\{-?\s*end\s*-?\}\}\s*(?=\{\{-?\s*define|\z)", RegexOptions.Singleline)]
    private static partial Regex CredentialHolderEnvBlocks();
}
