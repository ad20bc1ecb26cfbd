using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Omni.Emulator.Admin;

namespace Omni.Emulator.Tests;

/// <summary>
/// The admin API refuses callers from other machines. Driven through the guard itself with a
/// made-up remote address, so no traffic leaves this machine.
/// </summary>
public sealed class AdminLoopbackTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.20")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:10.0.0.1")]
    public async Task An_admin_call_from_another_machine_is_403_and_goes_no_further(string remote)
    {
        var (context, body) = Request("/__emulator/reset", remote);
        var reachedNext = false;

        await AdminEndpoints.LoopbackOnlyAsync(context, _ =>
        {
            reachedNext = true;
            return Task.CompletedTask;
        });

        Assert.False(reachedNext);
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        var error = JsonNode.Parse(body.ToArray())!;
        Assert.Equal("403", (string?)error["error"]);
        Assert.Contains("loopback", (string?)error["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/__emulator/reset", "127.0.0.1")]
    [InlineData("/__emulator/counters", "127.0.0.2")]
    [InlineData("/__emulator/faults", "::1")]
    [InlineData("/__EMULATOR/reset", "::ffff:127.0.0.1")]
    [InlineData("/api/scim/v2/users", "10.0.0.1")]
    public async Task Loopback_admin_calls_and_any_caller_of_the_Omni_api_pass_through(string path, string remote)
    {
        var (context, body) = Request(path, remote);
        var reachedNext = false;

        await AdminEndpoints.LoopbackOnlyAsync(context, _ =>
        {
            reachedNext = true;
            return Task.CompletedTask;
        });

        Assert.True(reachedNext);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(0, body.Length);
    }

    private static (DefaultHttpContext Context, MemoryStream Body) Request(string path, string remote)
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Response.Body = body;
        return (context, body);
    }
}
