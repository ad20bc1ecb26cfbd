using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rpc = Pulumirpc;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>
/// "The resource exists but the operation failed": a gRPC error (code Unknown) whose
/// <c>grpc-status-details-bin</c> trailer holds a google.rpc.Status with an
/// ErrorResourceInitFailed, so the engine records the id and outputs instead of forgetting them.
/// </summary>
internal static class PartialFailure
{
    public const string DetailsTrailer = "grpc-status-details-bin";

    public static RpcException ToRpcException(string id, ObjectValue properties, ObjectValue? inputs, string reason)
    {
        var detail = new Rpc.ErrorResourceInitFailed { Id = id, Properties = StructCodec.Encode(properties) };
        detail.Reasons.Add(reason);
        if (inputs is not null)
        {
            detail.Inputs = StructCodec.Encode(inputs);
        }

        var status = new Google.Rpc.Status { Code = (int)StatusCode.Unknown, Message = reason };
        status.Details.Add(Any.Pack(detail));
        return new RpcException(new Status(StatusCode.Unknown, reason), new Metadata { { DetailsTrailer, status.ToByteArray() } });
    }

    /// <summary>Reads the detail back (tests, and anyone debugging a captured trailer).</summary>
    public static Rpc.ErrorResourceInitFailed? FromTrailers(Metadata trailers)
    {
        var entry = trailers.Get(DetailsTrailer);
        if (entry is null)
        {
            return null;
        }

        var status = Google.Rpc.Status.Parser.ParseFrom(entry.ValueBytes);
        return status.Details.FirstOrDefault(d => d.Is(Rpc.ErrorResourceInitFailed.Descriptor))?.Unpack<Rpc.ErrorResourceInitFailed>();
    }
}

/// <summary>A partial failure on its way to the wire: <see cref="ErrorMapper"/> redacts the reason
/// and encodes it with <see cref="PartialFailure.ToRpcException"/>.</summary>
internal sealed class PartialFailureException(string id, ObjectValue properties, ObjectValue? inputs, string reason, Exception? inner = null)
    : Exception(reason, inner)
{
    public string Id { get; } = id;

    public ObjectValue Properties { get; } = properties;

    public ObjectValue? Inputs { get; } = inputs;
}
