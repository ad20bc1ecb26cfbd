using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed class AuthTests
{
    public static TheoryData<string, string> ScimEndpoints => new()
    {
        { "GET", "/api/scim/v2/users" },
        { "POST", "/api/scim/v2/Users" },
        { "GET", "/api/scim/v2/users/6c1f1f5e-1111-4111-8111-111111111111" },
        { "PUT", "/api/scim/v2/users/6c1f1f5e-1111-4111-8111-111111111111" },
        { "PATCH", "/api/scim/v2/users/6c1f1f5e-1111-4111-8111-111111111111" },
        { "DELETE", "/api/scim/v2/users/6c1f1f5e-1111-4111-8111-111111111111" },
        { "GET", "/api/scim/v2/Groups" },
        { "POST", "/api/scim/v2/groups" },
        { "GET", "/api/scim/v2/groups/abcdEFGH" },
        { "PUT", "/api/scim/v2/groups/abcdEFGH" },
        { "PATCH", "/api/scim/v2/groups/abcdEFGH" },
        { "DELETE", "/api/scim/v2/groups/abcdEFGH" },
    };

    [Theory]
    [MemberData(nameof(ScimEndpoints))]
    public async Task Scim_endpoints_answer_401_without_a_valid_key_and_403_to_a_personal_access_token(string method, string path)
    {
        await using var emulator = await TestEmulator.StartAsync();
        foreach (var token in new[] { null, "wrong-key", TestEmulator.Key + "x" })
        {
            using var client = emulator.ClientWithToken(token);
            Assert.Equal("Unauthorized: Missing or invalid API key",
                await Responses.ExpectErrorAsync(await TestEmulatorClient.SendAsync(client, new HttpMethod(method), path, "{}"), 401));
        }

        using var pat = emulator.ClientWithToken(TestEmulator.Pat);
        Assert.Equal("Personal Access Tokens (PATs) are not supported for this endpoint",
            await Responses.ExpectErrorAsync(await TestEmulatorClient.SendAsync(pat, new HttpMethod(method), path, "{}"), 403));
    }

    [Fact]
    public async Task A_scheme_other_than_Bearer_is_401()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var client = emulator.ClientWithToken(null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", TestEmulator.Key);
        await Responses.ExpectErrorAsync(await client.GetAsync("/api/scim/v2/users"), 401);
    }

    [Fact]
    public async Task Whoami_reports_an_organization_key_and_accepts_a_personal_token_as_user_scoped()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var organization = await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/whoami"), 200);
        Assert.Equal("organization", organization.Str("keyScope"));
        Assert.Equal("ORG_ADMIN", organization.Str("orgRole"));
        Assert.True(Guid.TryParse(organization.Str("userId"), out _));

        using var pat = emulator.ClientWithToken(TestEmulator.Pat);
        var personal = await Responses.ExpectAsync(await pat.GetAsync("/api/v1/whoami"), 200);
        Assert.Equal("user", personal.Str("keyScope"));
        Assert.Equal("MEMBER", personal.Str("orgRole"));

        using var anonymous = emulator.ClientWithToken(null);
        await Responses.ExpectErrorAsync(await anonymous.GetAsync("/api/v1/whoami"), 401);
        await Responses.ExpectErrorAsync(await anonymous.GetAsync("/api/v1/user-attributes"), 401);
    }

    [Fact]
    public async Task Without_a_configured_key_a_dev_key_is_generated_and_is_the_only_one_accepted()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { ApiKey = null });
        Assert.StartsWith("omni_emulator_", emulator.Server.ApiKey, StringComparison.Ordinal);
        using var generated = emulator.ClientWithToken(emulator.Server.ApiKey);
        await Responses.ExpectAsync(await generated.GetAsync("/api/scim/v2/users"), 200);
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/scim/v2/users"), 401);
    }

    [Fact]
    public async Task An_unknown_path_is_404_in_Omnis_error_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/scim/v2/Schemas"), 404);
    }
}
