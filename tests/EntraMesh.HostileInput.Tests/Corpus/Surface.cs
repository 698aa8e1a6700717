namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>The public endpoint a request is aimed at (all reached through the gateway).</summary>
public enum Surface
{
    EntraMeshWebhook,
    BambooHrWebhook,
    CsvImport,
    RuleValidation,
    RulePreview,
    PopulationPreview,
    OpsApi,
}
