using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;
using Rpc = Pulumirpc;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>CheckConfig, DiffConfig and Configure on the wire: converts the config Struct to a
/// <see cref="ProviderConfig"/> and delegates to <see cref="ConfigValidator"/> and <see cref="OmniSession"/>.</summary>
internal sealed class ConfigProtocol(ConfigValidator validator, OmniSession session)
{
    private const string LegacyPrefix = "omni:config:";

    public Rpc.CheckResponse CheckConfig(Rpc.CheckRequest request)
    {
        var news = StructCodec.Decode(request.News);
        var config = PropertyBinder.Bind<ProviderConfig>(news, lenientScalars: true);
        var response = new Rpc.CheckResponse { Inputs = StructCodec.Encode(KeepSecret(news)) };
        response.Failures.AddRange(config.Failures.Select(f => new Rpc.CheckFailure { Property = f.Property, Reason = f.Reason }));
        // A value that did not bind stays unset, so the remaining checks still report the rest.
        response.Failures.AddRange(validator.Validate(config.Value, config.Unknowns)
            .Where(f => config.Failures.All(b => b.Property != f.Property))
            .Select(f => new Rpc.CheckFailure { Property = f.Property, Reason = f.Reason }));

        return response;
    }

    /// <summary>Compares the typed configuration, as Configure would use it: "60" and 60 are the
    /// same requestsPerMinute, and a secret key equals the same key in clear (unwrapped by the
    /// binder, for this comparison only).</summary>
    public static Rpc.DiffResponse DiffConfig(Rpc.DiffRequest request)
    {
        var olds = StructCodec.Decode(request.Olds);
        var news = StructCodec.Decode(request.News);
        var oldConfig = PropertyBinder.Bind<ProviderConfig>(olds, lenientScalars: true);
        var newConfig = PropertyBinder.Bind<ProviderConfig>(news, lenientScalars: true);
        var changes = PulumiProperties.Of(typeof(ProviderConfig))
            .Where(p => newConfig.Unknowns.Contains(p.Name) || !SameValue(p, olds, news, oldConfig, newConfig))
            .Select(p => new PropertyChange(p.Name, ChangeKind.Update))
            .ToList();
        return DiffEncoder.Encode(changes, deleteBeforeReplace: false);
    }

    private static bool SameValue(PulumiPropertyInfo property, ObjectValue olds, ObjectValue news, Bound<ProviderConfig> oldConfig, Bound<ProviderConfig> newConfig)
    {
        // A value that does not parse has no typed form; it is compared as written.
        if (oldConfig.Failures.Any(f => f.Property == property.Name) || newConfig.Failures.Any(f => f.Property == property.Name))
        {
            return Equals(Plain(olds[property.Name]), Plain(news[property.Name]));
        }

        return Equals(property.GetValue(oldConfig.Value), property.GetValue(newConfig.Value));
    }

    /// <returns>False when a value is unknown (preview): the provider then stays unconfigured and
    /// operations that need Omni are skipped by the engine.</returns>
    public async Task<bool> ConfigureAsync(Rpc.ConfigureRequest request, CancellationToken cancellationToken)
    {
        var args = request.Args is not null ? StructCodec.Decode(request.Args) : FromLegacyVariables(request);
        var config = PropertyBinder.Bind<ProviderConfig>(args, lenientScalars: true);
        if (config.Unknowns.Count > 0)
        {
            return false;
        }

        if (config.Failures.Count > 0)
        {
            throw new ProviderFailureException(FailureKind.InvalidInput,
                "The omni provider configuration is invalid: " + string.Join(" ", config.Failures.Select(f => f.Reason)));
        }

        await session.ConfigureAsync(config.Value, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static ObjectValue FromLegacyVariables(Rpc.ConfigureRequest request) => ObjectValue.From(request.Variables
        .Where(v => v.Key.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        .Select(v => KeyValuePair.Create(v.Key[LegacyPrefix.Length..], (PropertyValue)new StringValue(v.Value))));

    /// <summary>The engine sends config secrets to CheckConfig as plain values; what it gets back must
    /// be marked secret again so the key is encrypted in state.</summary>
    private static ObjectValue KeepSecret(ObjectValue config)
    {
        foreach (var info in PulumiProperties.Of(typeof(ProviderConfig)).Where(p => p.Attribute.Secret))
        {
            if (config[info.Name] is { } value and not SecretValue and not NullValue)
            {
                config = config.With(info.Name, new SecretValue(value));
            }
        }

        return config;
    }

    private static PropertyValue? Plain(PropertyValue? value) => value switch
    {
        SecretValue s => Plain(s.Value),
        OutputValue o => o.Value is null ? null : Plain(o.Value),
        _ => value,
    };
}
