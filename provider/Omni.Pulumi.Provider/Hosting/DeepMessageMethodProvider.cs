using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

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
        Pulumirpc.ResourceProvider.BindDeepMessages(new Binder(context));

    /// <summary>Parses a request with <see cref="RecursionLimit"/>; everything else as Google.Protobuf does.</summary>
    public static T Parse<T>(DeserializationContext context, MessageParser<T> parser) where T : IMessage<T>
    {
        using var stream = new MemoryStream(context.PayloadAsNewBuffer(), writable: false);
        using var input = CodedInputStream.CreateWithLimits(stream, int.MaxValue, RecursionLimit);
        return parser.ParseFrom(input);
    }

    /// <summary>
    /// Adds one unary method. Generic but not virtual, unlike <see cref="ServiceBinderBase"/>'s AddMethod that the
    /// generated BindService calls: NativeAOT resolves a generic virtual method's instantiation at run time, which
    /// cost the plugin about 20 ms of its start (make bench, plugin-start); here every instantiation is known
    /// when the binary is compiled.
    /// </summary>
    internal sealed class Binder(ServiceMethodProviderContext<ResourceProviderService> context)
    {
        public void Add<TRequest, TResponse>(
            Method<TRequest, TResponse> method,
            MessageParser<TRequest> parser,
            UnaryServerMethod<ResourceProviderService, TRequest, TResponse> invoker)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class
        {
            var requests = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, c => Parse(c, parser));
            var deep = new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
            // No endpoint metadata: ResourceProviderService carries no attributes (authorization, CORS) to pass on.
            context.AddUnaryMethod(deep, [], invoker);
        }
    }
}
