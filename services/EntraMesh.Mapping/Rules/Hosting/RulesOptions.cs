using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Mapping.Rules.Hosting;

/// <summary>Where the running rule set comes from, and how large a rule set the HTTP API reads.</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>The rule-set YAML file the service runs, absolute or relative to the content root.</summary>
    [Required(ErrorMessage = "Rules:Path must name the rule-set YAML file the mapping service runs (for example samples/rules/csv2scim.yaml).")]
    public string? Path { get; set; }

    /// <summary>Largest request body (a rule set, or a preview request with its candidate rule set) the API reads.</summary>
    [Range(4_096, 16 * 1_048_576, ErrorMessage = "Rules:MaxRequestBytes must be between 4096 and 16777216.")]
    public int MaxRequestBytes { get; set; } = 1_048_576;
}
