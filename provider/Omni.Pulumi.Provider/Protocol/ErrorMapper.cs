using System.Collections.Frozen;
using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>
/// Exceptions to gRPC statuses, chosen for what the engine concludes from them: Unknown, Internal
/// and DataLoss mean "the outcome is unknown" (state may be stale); any other code means nothing
/// changed. Every message, partial failures included, is redacted of secrets.
/// </summary>
internal sealed class ErrorMapper(SecretRedactor redactor)
{
    // A write cancelled mid-flight may have reached Omni: the engine must not assume nothing changed.
    private static readonly FrozenSet<string> Writes = new[] { "Create", "Update", "Delete" }.ToFrozenSet(StringComparer.Ordinal);

    public RpcException Map(Exception exception, string operation)
    {
        switch (exception)
        {
            case PartialFailureException partial:
                return PartialFailure.ToRpcException(partial.Id, partial.Properties, partial.Inputs, redactor.Redact(partial.Message));
            case RpcException rpc:
                return new RpcException(new Status(rpc.StatusCode, redactor.Redact(rpc.Status.Detail)), rpc.Trailers);
        }

        var (code, message) = exception switch
        {
            ProviderFailureException { Kind: FailureKind.InvalidInput } e => (StatusCode.InvalidArgument, e.Message),
            ProviderFailureException { Kind: FailureKind.NothingChanged } e => (StatusCode.FailedPrecondition, e.Message),
            ProviderFailureException e => (StatusCode.Unknown, e.Message),
            OperationCanceledException when Writes.Contains(operation) => (StatusCode.Unknown,
                $"{operation} was cancelled while its request to Omni may already have been sent, so its outcome is unknown. "
                + "Run `pulumi refresh` to see what Omni holds."),
            OperationCanceledException => (StatusCode.Cancelled, $"{operation} was cancelled."),
            OmniConfigurationException e => (StatusCode.FailedPrecondition, e.Message),
            OmniRateLimitedException e => (StatusCode.ResourceExhausted, e.Message),
            OmniApiException { StatusCode: >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError } e => (StatusCode.FailedPrecondition, e.Message),
            OmniApiException e => (StatusCode.Unknown, e.Message),
            HttpRequestException e => (StatusCode.Unknown, $"{operation}: the request to Omni failed: {e.Message}"),
            TimeoutException e => (StatusCode.Unknown, $"{operation}: the request to Omni timed out: {e.Message}"),
            _ => (StatusCode.Internal, $"{operation} failed unexpectedly: {exception.GetType().Name}: {exception.Message}"),
        };

        return new RpcException(new Status(code, redactor.Redact(message)));
    }
}
