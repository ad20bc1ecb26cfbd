using Grpc.Core;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Protocol;

namespace Omni.Pulumi.Provider.Tests;

public class ErrorMapperTests
{
    private const string Key = "omni_org_key_that_must_not_leak_42";

    private static ErrorMapper Mapper()
    {
        var redactor = new SecretRedactor();
        redactor.Add(Key);
        return new ErrorMapper(redactor);
    }

    [Fact]
    public void A_partial_failure_is_redacted_in_the_status_and_in_its_ErrorResourceInitFailed()
    {
        var failure = new PartialFailureException("id-1", ObjectValue.Empty.With("userName", new StringValue("a@example.com")), null, $"PATCH failed: echo {Key}");

        var mapped = Mapper().Map(failure, "Create");

        Assert.Equal(StatusCode.Unknown, mapped.StatusCode);
        Assert.DoesNotContain(Key, mapped.Status.Detail, StringComparison.Ordinal);
        var detail = PartialFailure.FromTrailers(mapped.Trailers);
        Assert.NotNull(detail);
        Assert.Equal("id-1", detail.Id);
        Assert.All(detail.Reasons, r => Assert.DoesNotContain(Key, r, StringComparison.Ordinal));
        var status = Google.Rpc.Status.Parser.ParseFrom(mapped.Trailers.GetValueBytes(PartialFailure.DetailsTrailer));
        Assert.DoesNotContain(Key, status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_rpc_exception_passing_through_is_redacted_too()
    {
        var mapped = Mapper().Map(new RpcException(new Status(StatusCode.NotFound, $"nothing for {Key}")), "GetSchema");

        Assert.Equal(StatusCode.NotFound, mapped.StatusCode);
        Assert.DoesNotContain(Key, mapped.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Create", StatusCode.Unknown)]
    [InlineData("Update", StatusCode.Unknown)]
    [InlineData("Delete", StatusCode.Unknown)]
    [InlineData("Read", StatusCode.Cancelled)]
    [InlineData("Check", StatusCode.Cancelled)]
    [InlineData("Diff", StatusCode.Cancelled)]
    [InlineData("Configure", StatusCode.Cancelled)]
    public void Cancellation_of_a_write_is_an_unknown_outcome_and_of_anything_else_a_cancellation(string operation, StatusCode expected)
    {
        Assert.Equal(expected, Mapper().Map(new OperationCanceledException(), operation).StatusCode);
    }
}
