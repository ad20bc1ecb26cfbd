using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Omni.Pulumi.Provider.Protocol;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// Binds the ResourceProvider methods as the generated code does, but parses each request with the
/// recursion limit the engine itself uses. Google.Protobuf stops at 100 nested messages, and each level
/// of a property value costs three (Value, Struct, map entry): an attribute nested ~32 levels deep
/// failed before any of our code ran, as gRPC UNKNOWN. The engine (Go) parses up to 10 000 levels,
/// so whatever it sends reaches Check, which answers with a failure that names the property.
/// </summary>
internal sealed class DeepMessageMethodProvider : IServiceMethodProvider<ResourceProviderService>
{
    /// <summary>Go's protobuf default (protowire.DefaultRecursionLimit), which bounds what the engine can pass on.</summary>
    public const int RecursionLimit = 10_000;

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<ResourceProviderService> context) =>
        ResourceProvider.BindService(new Binder(context), null);

    /// <summary>Parses a request with <see cref="RecursionLimit"/>; everything else as Google.Protobuf does.</summary>
    public static T Parse<T>(DeserializationContext context, MessageParser parser) where T : class
    {
        using var stream = new MemoryStream(context.PayloadAsNewBuffer(), writable: false);
        using var input = CodedInputStream.CreateWithLimits(stream, int.MaxValue, RecursionLimit);
        return (T)parser.ParseFrom(input);
    }

    private sealed class Binder(ServiceMethodProviderContext<ResourceProviderService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            // The request's parser from the service's protobuf descriptor: no reflection over TRequest (NativeAOT).
            var parser = ResourceProvider.Descriptor.FindMethodByName(method.Name)?.InputType.Parser
                ?? throw new InvalidOperationException($"The ResourceProvider descriptor has no {method.Name} method.");
            var requests = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, c => Parse<TRequest>(c, parser));
            var deep = new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
            var target = typeof(ResourceProviderService).GetMethod(method.Name, [typeof(TRequest), typeof(ServerCallContext)])
                ?? throw new InvalidOperationException($"ResourceProviderService has no {method.Name} method.");
            var invoker = target.CreateDelegate<Grpc.AspNetCore.Server.Model.UnaryServerMethod<ResourceProviderService, TRequest, TResponse>>();
            // The same endpoint metadata the default binder gives: the service's and the method's attributes.
            var metadata = new List<object>(typeof(ResourceProviderService).GetCustomAttributes(inherit: true));
            metadata.AddRange(target.GetCustomAttributes(inherit: true));
            context.AddUnaryMethod(deep, metadata, invoker);
        }
    }
}
