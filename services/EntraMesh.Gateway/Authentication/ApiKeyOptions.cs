namespace EntraMesh.Gateway.Authentication;

/// <summary>
/// <c>Gateway:ApiKeys:{name}</c>: a key for local use and tests, with its roles. The key itself is a secret and comes
/// from the environment (<c>Gateway__ApiKeys__ops__Key</c>) or a mounted secret file, never from the repository.
/// </summary>
public sealed class ApiKeyOptions
{
    public string? Key { get; set; }

    public List<string> Roles { get; set; } = [];
}
