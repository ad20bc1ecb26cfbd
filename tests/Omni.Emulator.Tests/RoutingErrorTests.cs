using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>Errors ASP.NET answers by itself still come in Omni's error shape.</summary>
public sealed class RoutingErrorTests
{
    [Theory]
    [InlineData("PATCH", "/api/scim/v2/users")]
    [InlineData("DELETE", "/api/scim/v2/Groups")]
    [InlineData("POST", "/api/scim/v2/users/00000000-0000-0000-0000-000000000000")]
    [InlineData("POST", "/api/v1/whoami")]
    [InlineData("GET", "/__emulator/reset")]
    public async Task A_wrong_method_on_a_known_route_is_405_in_Omnis_error_shape(string method, string path)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.SendAsync(new HttpMethod(method), path, method == "GET" ? null : "{}");

        Assert.Equal("Method Not Allowed", await Responses.ExpectErrorAsync(response, 405));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/scim/v2/nothing-here")]
    [InlineData("POST", "/api/v2/users")]
    public async Task An_unknown_path_is_404_in_Omnis_error_shape(string method, string path)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.SendAsync(new HttpMethod(method), path, method == "GET" ? null : "{}");

        Assert.Equal("Not Found", await Responses.ExpectErrorAsync(response, 404));
    }

    [Fact]
    public async Task An_unknown_path_without_a_key_is_still_401()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var anonymous = emulator.ClientWithToken(null);
        await Responses.ExpectErrorAsync(await anonymous.GetAsync("/api/scim/v2/nothing-here"), 401);
    }

    [Fact]
    public async Task Answers_with_a_body_of_their_own_are_left_alone()
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Equal("User not found", await Responses.ExpectErrorAsync(
            await emulator.GetAsync($"/api/scim/v2/users/{Guid.NewGuid()}"), 404));
        Assert.Equal(0, (await emulator.DeleteAsync($"/api/scim/v2/users/{(await emulator.CreateUserAsync("a@example.com")).Str("id")}"))
            .Content.Headers.ContentLength ?? 0);
    }
}
