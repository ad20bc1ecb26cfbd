using System.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Schema;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// The gRPC face of the provider. Each RPC runs under a token that the engine's Cancel also
/// cancels, and every failure leaves as a gRPC status chosen by <see cref="ErrorMapper"/>.
/// Resource RPCs are dispatched by type to their <see cref="IResourceHandler"/>, Invoke by token to
/// its <see cref="IFunctionHandler"/>.
/// </summary>
internal sealed class ResourceProviderService(
    TokenRegistry<IResourceHandler> resources,
    TokenRegistry<IFunctionHandler> functions,
    ConfigProtocol config,
    EngineLogBridge engineLog,
    CancellationHub cancellation,
    ErrorMapper errors,
    ILogger<ResourceProviderService> logger) : ResourceProvider.ResourceProviderBase
{
    public override Task<ProviderHandshakeResponse> Handshake(ProviderHandshakeRequest request, ServerCallContext context)
    {
        engineLog.SetEngineAddress(request.EngineAddress);
        // Secrets and references are accepted as the protocol requires of a Handshake provider;
        // outputs are not, so the engine sends plain, secret or unknown values.
        return Task.FromResult(new ProviderHandshakeResponse { AcceptSecrets = true, AcceptResources = true, AcceptOutputs = false });
    }

    public override Task<Empty> Attach(PluginAttach request, ServerCallContext context)
    {
        engineLog.SetEngineAddress(request.Address);
        return Task.FromResult(new Empty());
    }

    public override Task<PluginInfo> GetPluginInfo(Empty request, ServerCallContext context) =>
        Task.FromResult(new PluginInfo { Version = PackageInfo.Version });

    public override Task<GetSchemaResponse> GetSchema(GetSchemaRequest request, ServerCallContext context) => Run(context, "GetSchema", _ =>
    {
        if (!string.IsNullOrEmpty(request.SubpackageName))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"The omni package has no subpackage '{request.SubpackageName}'."));
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("schema.json")
            ?? throw new RpcException(new Status(StatusCode.Internal, "The schema was not embedded at build time; run `make schema` and rebuild."));
        using var reader = new StreamReader(stream);
        return Task.FromResult(new GetSchemaResponse { Schema = reader.ReadToEnd() });
    });

    public override Task<CheckResponse> CheckConfig(CheckRequest request, ServerCallContext context) =>
        Run(context, "CheckConfig", _ => Task.FromResult(config.CheckConfig(request)));

    public override Task<DiffResponse> DiffConfig(DiffRequest request, ServerCallContext context) =>
        Run(context, "DiffConfig", _ => Task.FromResult(ConfigProtocol.DiffConfig(request)));

    public override Task<ConfigureResponse> Configure(ConfigureRequest request, ServerCallContext context) => Run(context, "Configure", async ct =>
    {
        var configured = await config.ConfigureAsync(request, ct).ConfigureAwait(false);
        if (!configured)
        {
            logger.LogInformation("Configure: some config values are unknown (preview); Omni is not contacted.");
        }

        return new ConfigureResponse { AcceptSecrets = true, AcceptResources = true, SupportsPreview = true, AcceptOutputs = false };
    });

    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context) =>
        Run(context, "Check", ct => resources.Resolve(request.Type, request.Urn).CheckAsync(request, ct));

    public override Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context) =>
        Run(context, "Diff", _ => Task.FromResult(resources.Resolve(request.Type, request.Urn).Diff(request)));

    public override Task<CreateResponse> Create(CreateRequest request, ServerCallContext context) =>
        Run(context, "Create", ct => resources.Resolve(request.Type, request.Urn).CreateAsync(request, ct));

    public override Task<ReadResponse> Read(ReadRequest request, ServerCallContext context) =>
        Run(context, "Read", ct => resources.Resolve(request.Type, request.Urn).ReadAsync(request, ct));

    public override Task<UpdateResponse> Update(UpdateRequest request, ServerCallContext context) =>
        Run(context, "Update", ct => resources.Resolve(request.Type, request.Urn).UpdateAsync(request, ct));

    public override Task<Empty> Delete(DeleteRequest request, ServerCallContext context) => Run(context, "Delete", async ct =>
    {
        await resources.Resolve(request.Type, request.Urn).DeleteAsync(request, ct).ConfigureAwait(false);
        return new Empty();
    });

    public override Task<Empty> Cancel(Empty request, ServerCallContext context)
    {
        cancellation.CancelAll();
        return Task.FromResult(new Empty());
    }

    // Functions are reads, so a preview (request.Preview) reads too.
    public override Task<InvokeResponse> Invoke(InvokeRequest request, ServerCallContext context) =>
        Run(context, "Invoke", ct => functions.Resolve(request.Tok).InvokeAsync(request, ct));

    public override Task<ParameterizeResponse> Parameterize(ParameterizeRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "The omni provider is not parameterizable."));

    public override Task<ConstructResponse> Construct(ConstructRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "The omni provider has no component resources, so Construct is not supported."));

    public override Task<CallResponse> Call(CallRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "The omni provider has no resource methods, so Call is not supported."));

    private async Task<T> Run<T>(ServerCallContext context, string operation, Func<CancellationToken, Task<T>> body)
    {
        using var linked = cancellation.Link(context.CancellationToken);
        try
        {
            return await body(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var mapped = errors.Map(e, operation);
            logger.LogDebug("{Operation} failed: {Status}", operation, mapped.Status);
            throw mapped;
        }
    }
}
