using System.Security.Cryptography;
using System.Text;

namespace Omni.Emulator.Auth;

/// <summary>Who is calling: an organization API key or a personal access token, by a key id that is not the secret.</summary>
public sealed record Caller(string KeyId, bool IsPersonalToken);

/// <summary>The tokens this emulator accepts. Holds the secrets but never prints them.</summary>
public sealed class Credentials
{
    private readonly byte[] organizationKey;
    private readonly IReadOnlyList<byte[]> personalTokens;

    public Credentials(string organizationKey, IReadOnlyList<string> personalTokens)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationKey);
        ArgumentNullException.ThrowIfNull(personalTokens);
        this.organizationKey = Encoding.UTF8.GetBytes(organizationKey);
        this.personalTokens = [.. personalTokens.Select(Encoding.UTF8.GetBytes)];
    }

    public Caller? Identify(string token)
    {
        var presented = Encoding.UTF8.GetBytes(token);
        if (CryptographicOperations.FixedTimeEquals(presented, organizationKey))
        {
            return new Caller("organization", IsPersonalToken: false);
        }

        for (var i = 0; i < personalTokens.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, personalTokens[i]))
            {
                return new Caller($"pat-{i + 1}", IsPersonalToken: true);
            }
        }

        return null;
    }

    public override string ToString() => $"Credentials (1 organization key, {personalTokens.Count} personal tokens)";
}
