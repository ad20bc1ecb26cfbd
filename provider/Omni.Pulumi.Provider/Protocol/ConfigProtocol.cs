using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Resources;
using Rpc = Pulumirpc;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>CheckConfig, DiffConfig and Configure: provider configuration from the wire, checked,
/// and turned into a configured <see cref="OmniSession"/>.</summary>
internal sealed class ConfigProtocol(ConfigValidator validator, OmniSession session, SecretRedactor redactor, ILoggerFactory loggerFactory)
{
    private const string LegacyPrefix = "omni:config:";

    public Rpc.CheckResponse CheckConfig(Rpc.CheckRequest request)
    {
        var news = StructCodec.Decode(request.News);
        var config = PropertyBinder.Bind<ProviderConfig>(news, lenientScalars: true);
        var response = new Rpc.CheckResponse { Inputs = StructCodec.Encode(KeepSecret(news)) };
        response.Failures.AddRange(config.Failures.Select(f => new Rpc.CheckFailure { Property = f.Path, Reason = f.Reason }));
        // A value that did not bind stays unset, so the remaining checks still report the rest.
        response.Failures.AddRange(validator.Validate(config.Value, config.Unknowns)
            .Where(f => config.Failures.All(b => b.Path != f.Property))
            .Select(f => new Rpc.CheckFailure { Property = f.Property, Reason = f.Reason }));

        return response;
    }

    public static Rpc.DiffResponse DiffConfig(Rpc.DiffRequest request)
    {
        var olds = StructCodec.Decode(request.Olds);
        var news = StructCodec.Decode(request.News);
        var changes = PulumiProperties.Of(typeof(ProviderConfig))
            .Select(p => p.Name)
            .Where(name => news[name] is { ContainsUnknowns: true } || !Equals(Plain(olds[name]), Plain(news[name])))
            .Select(name => new PropertyChange(name, ChangeKind.Update))
            .ToList();
        return DiffEncoder.Encode(new DiffResult(changes, DeleteBeforeReplace: false));
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

        var failures = config.Failures.Select(f => f.Reason).Concat(validator.Validate(config.Value, config.Unknowns).Select(f => f.Reason)).ToList();
        if (failures.Count > 0)
        {
            throw new ProviderFailureException(FailureKind.InvalidInput, "The omni provider configuration is invalid: " + string.Join(" ", failures));
        }

        var options = validator.ToClientOptions(config.Value);
        redactor.Add(options.ApiKey);
        var client = new OmniClient(options, loggerFactory);
        try
        {
            var whoAmI = await client.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
            if (!whoAmI.IsOrganizationKey)
            {
                throw new ProviderFailureException(FailureKind.NothingChanged,
                    $"omni:apiKey is a personal access token (key scope '{whoAmI.KeyScope}'), but Omni's SCIM API needs an Organization API key. "
                    + "Create one in Omni under Settings > API keys and set it with `pulumi config set --secret omni:apiKey <key>` (or OMNI_API_KEY).");
            }
        }
        catch (OmniAuthenticationException e)
        {
            client.Dispose();
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Omni at {options.BaseUrl} rejected omni:apiKey ({e.Message}). Check that it is a current Organization API key; "
                + "set it with `pulumi config set --secret omni:apiKey <key>` (or OMNI_API_KEY).", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        session.Configure(client);
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
