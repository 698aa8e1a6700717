namespace EntraMesh.Gateway.Authentication;

/// <summary>The roles operator routes require; each is also the name of the authorization policy that requires it.</summary>
public static class OperatorRoles
{
    public const string ImportsWrite = "imports.write";
    public const string ReconciliationRead = "reconciliation.read";
    public const string ReconciliationReplay = "reconciliation.replay";
    public const string RulesRead = "rules.read";

    public static readonly string[] All = [ImportsWrite, ReconciliationRead, ReconciliationReplay, RulesRead];
}
