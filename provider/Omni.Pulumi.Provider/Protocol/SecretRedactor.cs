using System.Collections.Concurrent;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>
/// Removes known secrets (the API key) from any text leaving the process through an error or a
/// log line. The client never puts the key in a message; this is the second line of defence.
/// </summary>
internal sealed class SecretRedactor
{
    private const string Mask = "[secret]";
    private readonly ConcurrentDictionary<string, bool> _secrets = new(StringComparer.Ordinal);

    public void Add(string? secret)
    {
        // Very short values would mask ordinary words; real keys are long.
        if (secret is { Length: >= 8 })
        {
            _secrets.TryAdd(secret, true);
        }
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets.Keys)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
