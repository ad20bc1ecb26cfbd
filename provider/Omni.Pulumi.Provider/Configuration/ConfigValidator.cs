using System.Globalization;
using Omni.Client;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Configuration;

/// <summary>
/// The one place the provider's configuration is resolved and checked. What is unset comes from the
/// <see cref="PulumiPropertyAttribute.EnvironmentFallbacks"/> and then the
/// <see cref="PulumiPropertyAttribute.Default"/> of <see cref="ProviderConfig"/>'s metadata; baseUrl is held
/// to the client's own rule (<see cref="OmniClientOptions.BaseUrlProblem"/>); failures name the key and
/// say how to set it.
/// </summary>
internal sealed class ConfigValidator(EnvironmentVariables environment)
{
    /// <param name="unknowns">Config keys not known yet (preview); they are not checked.</param>
    public IReadOnlyList<CheckFailure> Validate(ProviderConfig config, IReadOnlySet<string> unknowns)
    {
        var (resolved, failures) = Resolve(config);
        if (!unknowns.Contains(Name(c => c.BaseUrl)))
        {
            if (resolved.BaseUrl is null)
            {
                failures.Add(Fail(c => c.BaseUrl, "The Omni base URL is not set. Set it with `pulumi config set omni:baseUrl https://<your-org>.omniapp.co` "
                    + $"or the {ProviderConfig.BaseUrlEnvironment} environment variable."));
            }
            else if (OmniClientOptions.BaseUrlProblem(resolved.BaseUrl) is { } problem)
            {
                failures.Add(Fail(c => c.BaseUrl, $"'baseUrl': {problem.Replace("the client's BaseUrl", "omni:baseUrl", StringComparison.Ordinal)}"));
            }
        }

        if (!unknowns.Contains(Name(c => c.ApiKey)) && resolved.ApiKey is null)
        {
            failures.Add(Fail(c => c.ApiKey, "The Omni API key is not set. Set an Organization API key with `pulumi config set --secret omni:apiKey <key>` "
                + $"or the {ProviderConfig.ApiKeyEnvironment} environment variable."));
        }

        if (resolved.RequestsPerMinute < 0)
        {
            failures.Add(Fail(c => c.RequestsPerMinute, "'requestsPerMinute' must be 0 (no limit) or more."));
        }

        if (resolved.MaxRetries < 0)
        {
            failures.Add(Fail(c => c.MaxRetries, "'maxRetries' must be 0 or more."));
        }

        if (resolved.RequestTimeoutSeconds <= 0)
        {
            failures.Add(Fail(c => c.RequestTimeoutSeconds, "'requestTimeoutSeconds' must be more than 0."));
        }

        return failures;
    }

    /// <summary>The client options; call only after <see cref="Validate"/> found nothing.</summary>
    public OmniClientOptions ToClientOptions(ProviderConfig config)
    {
        var resolved = Resolve(config).Config;
        return new OmniClientOptions
        {
            BaseUrl = resolved.BaseUrl!,
            ApiKey = resolved.ApiKey!,
            RequestsPerMinute = resolved.RequestsPerMinute!.Value,
            MaxRetries = resolved.MaxRetries!.Value,
            RequestTimeout = TimeSpan.FromSeconds(resolved.RequestTimeoutSeconds!.Value),
        };
    }

    /// <summary>The admin group's displayName or id, resolved like every setting (config, then OMNI_ADMIN_GROUP, then "Admins").</summary>
    public string AdminGroupOf(ProviderConfig config) => Resolve(config).Config.AdminGroup ?? ProviderConfig.DefaultAdminGroup;

    /// <summary>Each unset (or blank) setting from its first set environment fallback, else its default.</summary>
    private (ProviderConfig Config, List<CheckFailure> Failures) Resolve(ProviderConfig config)
    {
        var resolved = config with { };
        var failures = new List<CheckFailure>();
        foreach (var setting in PulumiProperties.Of(typeof(ProviderConfig)))
        {
            var value = setting.GetValue(resolved);
            if (value is string text)
            {
                value = NonEmpty(text);
                setting.SetValue(resolved, value);
            }

            if (value is not null)
            {
                continue;
            }

            var fallback = (setting.Attribute.EnvironmentFallbacks ?? [])
                .Select(name => (Name: name, Value: NonEmpty(environment.Get(name))))
                .FirstOrDefault(e => e.Value is not null);
            if (fallback.Value is not null)
            {
                if (Parse(setting.Type, fallback.Value) is { } parsed)
                {
                    setting.SetValue(resolved, parsed);
                    continue;
                }

                failures.Add(new CheckFailure(setting.Name, $"The {fallback.Name} environment variable must be a whole number, not '{fallback.Value}'."));
            }

            if (setting.Attribute.Default is { } defaultValue)
            {
                setting.SetValue(resolved, defaultValue);
            }
        }

        return (resolved, failures);
    }

    private static object? Parse(Type type, string text) =>
        type == typeof(string) ? text
        : (type == typeof(int?) || type == typeof(int)) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : null;

    private static string Name<T>(System.Linq.Expressions.Expression<Func<ProviderConfig, T>> setting) => Property.NameOf(setting);

    private static CheckFailure Fail<T>(System.Linq.Expressions.Expression<Func<ProviderConfig, T>> setting, string reason) => new(Name(setting), reason);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Environment variables, injectable so tests do not touch the process environment.</summary>
internal sealed class EnvironmentVariables(Func<string, string?> read)
{
    public static EnvironmentVariables Process { get; } = new(Environment.GetEnvironmentVariable);

    public string? Get(string name) => read(name);
}
