using System.Text;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Configuration;

/// <summary>The provider's configuration (the <c>omni:</c> config namespace and the provider
/// resource's inputs). Properties left unset fall back to environment variables.</summary>
internal sealed record ProviderConfig
{
    public const string BaseUrlEnvironment = "OMNI_BASE_URL";
    public const string ApiKeyEnvironment = "OMNI_API_KEY";
    public const string RequestsPerMinuteEnvironment = "OMNI_REQUESTS_PER_MINUTE";
    public const string AdminGroupEnvironment = "OMNI_ADMIN_GROUP";
    public const string DefaultAdminGroup = "Admins";

    [PulumiProperty("baseUrl", Description = "The Omni instance URL, e.g. `https://acme.omniapp.co` (with or without `/api`). "
        + "HTTPS is required except for loopback addresses. Falls back to the `OMNI_BASE_URL` environment variable.",
        EnvironmentFallbacks = [BaseUrlEnvironment])]
    public string? BaseUrl { get; init; }

    [PulumiProperty("apiKey", Description = "An Omni Organization API key (personal access tokens cannot use SCIM). "
        + "Set it with `pulumi config set --secret omni:apiKey <key>`. Falls back to the `OMNI_API_KEY` environment variable.",
        Secret = true, EnvironmentFallbacks = [ApiKeyEnvironment])]
    public string? ApiKey { get; init; }

    [PulumiProperty("requestsPerMinute", Description = "Client-side request budget shared by every operation of the run. "
        + "Defaults to 60, Omni's documented limit; 0 disables the limiter. Falls back to `OMNI_REQUESTS_PER_MINUTE`.",
        Default = 60, EnvironmentFallbacks = [RequestsPerMinuteEnvironment])]
    public int? RequestsPerMinute { get; init; }

    [PulumiProperty("maxRetries", Description = "How many times a request is retried after a 429, a 5xx or a timeout. Defaults to 5.",
        Default = 5)]
    public int? MaxRetries { get; init; }

    [PulumiProperty("requestTimeoutSeconds", Description = "Timeout of a single HTTP request, in seconds. Defaults to 30.",
        Default = 30)]
    public int? RequestTimeoutSeconds { get; init; }

    [PulumiProperty("adminGroup", Description = "The group (its displayName, in any letter case, or its id) whose membership makes the API key's owner "
        + "an admin. Plans that take the key's owner out of it (Group memberIds, GroupMembership) are refused unless the resource sets "
        + "`allowSelfLockout: true`. Defaults to `Admins`. Falls back to `OMNI_ADMIN_GROUP`.",
        Default = DefaultAdminGroup, EnvironmentFallbacks = [AdminGroupEnvironment])]
    public string? AdminGroup { get; init; }

    // Records print every property; the key must never reach a log or an exception message.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(BaseUrl)
            .Append(", ApiKey = ").Append(ApiKey is null ? "(unset)" : "[secret]")
            .Append(", RequestsPerMinute = ").Append(RequestsPerMinute)
            .Append(", MaxRetries = ").Append(MaxRetries)
            .Append(", RequestTimeoutSeconds = ").Append(RequestTimeoutSeconds)
            .Append(", AdminGroup = ").Append(AdminGroup);
        return true;
    }
}
