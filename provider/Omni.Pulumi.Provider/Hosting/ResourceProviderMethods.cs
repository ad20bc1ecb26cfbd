using Google.Protobuf.WellKnownTypes;
using Omni.Pulumi.Provider.Hosting;

namespace Pulumirpc;

// A part of the class Grpc.Tools generates from provider.proto, so that the generated method
// descriptors (__Method_*, with their buffer-writing response marshallers) are bound without going
// through the generated BindService (see DeepMessageMethodProvider.Binder for why). A test checks that
// every method of the ResourceProvider service is bound.
internal static partial class ResourceProvider
{
    internal static void BindDeepMessages(DeepMessageMethodProvider.Binder binder)
    {
        binder.Add(__Method_Handshake, ProviderHandshakeRequest.Parser, (s, r, c) => s.Handshake(r, c));
        binder.Add(__Method_Parameterize, ParameterizeRequest.Parser, (s, r, c) => s.Parameterize(r, c));
        binder.Add(__Method_GetSchema, GetSchemaRequest.Parser, (s, r, c) => s.GetSchema(r, c));
        binder.Add(__Method_CheckConfig, CheckRequest.Parser, (s, r, c) => s.CheckConfig(r, c));
        binder.Add(__Method_DiffConfig, DiffRequest.Parser, (s, r, c) => s.DiffConfig(r, c));
        binder.Add(__Method_Configure, ConfigureRequest.Parser, (s, r, c) => s.Configure(r, c));
        binder.Add(__Method_Invoke, InvokeRequest.Parser, (s, r, c) => s.Invoke(r, c));
        binder.Add(__Method_Call, CallRequest.Parser, (s, r, c) => s.Call(r, c));
        binder.Add(__Method_Check, CheckRequest.Parser, (s, r, c) => s.Check(r, c));
        binder.Add(__Method_Diff, DiffRequest.Parser, (s, r, c) => s.Diff(r, c));
        binder.Add(__Method_Create, CreateRequest.Parser, (s, r, c) => s.Create(r, c));
        binder.Add(__Method_Read, ReadRequest.Parser, (s, r, c) => s.Read(r, c));
        binder.Add(__Method_Update, UpdateRequest.Parser, (s, r, c) => s.Update(r, c));
        binder.Add(__Method_Delete, DeleteRequest.Parser, (s, r, c) => s.Delete(r, c));
        binder.Add(__Method_Construct, ConstructRequest.Parser, (s, r, c) => s.Construct(r, c));
        binder.Add(__Method_Cancel, Empty.Parser, (s, r, c) => s.Cancel(r, c));
        binder.Add(__Method_GetPluginInfo, Empty.Parser, (s, r, c) => s.GetPluginInfo(r, c));
        binder.Add(__Method_Attach, PluginAttach.Parser, (s, r, c) => s.Attach(r, c));
    }
}
