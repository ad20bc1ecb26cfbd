using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>A display name with a tab or newline could be stored but never found by a filter, so it is refused.</summary>
public sealed class ControlCharacterTests
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    [Theory]
    [InlineData("Tab\\tName")]
    [InlineData("Two\\nLines")]
    [InlineData("Carriage\\rReturn")]
    [InlineData("Null\\u0000Byte")]
    [InlineData("Delete\\u007F")]
    public async Task A_group_displayName_with_a_control_character_is_400_naming_the_field_on_every_write(string jsonEscapedName)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AssertRefusedAsync("displayName",
            await emulator.PostAsync("/api/scim/v2/Groups", $$"""{"displayName": "{{jsonEscapedName}}"}"""));
        var path = $"/api/scim/v2/Groups/{(await emulator.CreateGroupAsync("Plain")).Str("id")}";

        await AssertRefusedAsync("displayName",
            await emulator.PutAsync(path, $$"""{"displayName": "{{jsonEscapedName}}", "members": []}"""));
        await AssertRefusedAsync("Operations[0].value (displayName)", await emulator.PatchAsync(path,
            $$"""{"schemas": ["{{PatchOp}}"], "Operations": [{"op": "replace", "path": "displayName", "value": "{{jsonEscapedName}}"}]}"""));
        await AssertRefusedAsync("Operations[0].value.displayName", await emulator.PatchAsync(path,
            $$$"""{"schemas": ["{{{PatchOp}}}"], "Operations": [{"op": "replace", "value": {"displayName": "{{{jsonEscapedName}}}"}}]}"""));
        Assert.Equal("Plain", (await Responses.ExpectAsync(await emulator.GetAsync(path), 200)).Str("displayName"));
        Assert.Equal(1, (int)(await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/Groups"), 200))["totalResults"]!);
    }

    [Theory]
    [InlineData("Tab\\tName")]
    [InlineData("Two\\nLines")]
    [InlineData("Escape\\u001B")]
    public async Task A_user_displayName_with_a_control_character_is_400_naming_the_field_on_every_write(string jsonEscapedName)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AssertRefusedAsync("displayName", await emulator.PostAsync("/api/scim/v2/Users",
            $$"""{"userName": "ctrl@example.com", "displayName": "{{jsonEscapedName}}"}"""));
        var path = $"/api/scim/v2/Users/{(await emulator.CreateUserAsync("ctrl@example.com", "Plain")).Str("id")}";

        await AssertRefusedAsync("displayName", await emulator.PutAsync(path,
            $$"""{"userName": "ctrl@example.com", "displayName": "{{jsonEscapedName}}"}"""));
        await AssertRefusedAsync("Operations[0].value (displayName)", await emulator.PatchAsync(path,
            $$"""{"schemas": ["{{PatchOp}}"], "Operations": [{"op": "replace", "path": "displayName", "value": "{{jsonEscapedName}}"}]}"""));
        await AssertRefusedAsync("Operations[0].value (displayName)", await emulator.PatchAsync(path,
            $$$"""{"schemas": ["{{{PatchOp}}}"], "Operations": [{"op": "replace", "value": {"displayName": "{{{jsonEscapedName}}}"}}]}"""));
        Assert.Equal("Plain", (await Responses.ExpectAsync(await emulator.GetAsync(path), 200)).Str("displayName"));
    }

    [Fact]
    public async Task Names_with_non_ascii_letters_and_inner_spaces_are_still_accepted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Equal("Équipe Données", (await emulator.CreateGroupAsync("Équipe Données")).Str("displayName"));
        Assert.Equal("Zoë O'Brien", (await emulator.CreateUserAsync("zoe@example.com", "Zoë O'Brien")).Str("displayName"));
    }

    private static async Task AssertRefusedAsync(string field, HttpResponseMessage response)
    {
        var message = await Responses.ExpectErrorAsync(response, 400);
        Assert.StartsWith(field + ":", message, StringComparison.Ordinal);
        Assert.Contains("control characters", message, StringComparison.Ordinal);
    }
}
