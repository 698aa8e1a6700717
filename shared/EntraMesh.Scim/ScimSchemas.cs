namespace EntraMesh.Scim;

/// <summary>The SCIM schema URNs Entra's bulkUpload uses.</summary>
public static class ScimSchemas
{
    public const string BulkRequest = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /// <summary>
    /// EntraMesh's own extension namespace. Its <see cref="ParentDistinguishedName"/> attribute carries the OU that the
    /// rules chose for an on-premises user; the on-premises provisioning app maps it directly to parentDistinguishedName.
    /// </summary>
    public const string EntraMeshExtension = "urn:ietf:params:scim:schemas:extension:entramesh:1.0:User";

    public const string ParentDistinguishedName = "parentDistinguishedName";

    /// <summary>The content type bulkUpload requires; its absence is the most common 400.</summary>
    public const string ContentType = "application/scim+json";

    /// <summary>At most this many operations per bulkUpload call.</summary>
    public const int MaxOperationsPerRequest = 50;
}
