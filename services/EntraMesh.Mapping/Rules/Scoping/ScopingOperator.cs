namespace EntraMesh.Mapping.Rules.Scoping;

/// <summary>Entra's scoping-filter operators (their Entra spelling in brackets).</summary>
public enum ScopingOperator
{
    /// <summary>[EQUALS] the attribute equals the value exactly (case-sensitive).</summary>
    EqualTo,

    /// <summary>[NOT EQUALS] the attribute differs from the value (case-sensitive).</summary>
    NotEqualTo,

    /// <summary>[IS TRUE] the attribute is a boolean true ("True", "true").</summary>
    IsTrue,

    /// <summary>[IS FALSE] the attribute is a boolean false.</summary>
    IsFalse,

    /// <summary>[IS NULL] the attribute is missing, null or empty.</summary>
    IsNull,

    /// <summary>[IS NOT NULL] the attribute has a non-empty value.</summary>
    IsNotNull,

    /// <summary>[REGEX MATCH] the attribute matches the regular expression (case-sensitive).</summary>
    RegexMatch,

    /// <summary>[NOT REGEX MATCH] the attribute does not match the regular expression.</summary>
    NotRegexMatch,

    /// <summary>[Includes] the attribute contains the value (case-sensitive).</summary>
    Includes,

    /// <summary>[&amp;] the attribute occurs in the value ("exists in the input string value").</summary>
    OccursIn,

    /// <summary>[!&amp;] the attribute does not occur in the value.</summary>
    DoesNotOccurIn,

    /// <summary>[ENDS_WITH] the attribute ends with the value (case-sensitive).</summary>
    EndsWith,

    /// <summary>[Greater_Than] both are integers and the attribute is greater.</summary>
    GreaterThan,

    /// <summary>[Greater_Than_OR_EQUALS] both are integers and the attribute is greater or equal.</summary>
    GreaterThanOrEqualTo,
}
