namespace Omni.Client;

/// <summary>How to reach an Omni organisation and how hard to lean on it.</summary>
public sealed class OmniClientOptions
{
    public required string BaseUrl { get; init; }
    public required string ApiKey { get; init; }
    public int RequestsPerMinute { get; init; } = 60;
    public int MaxRetries { get; init; } = 5;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
