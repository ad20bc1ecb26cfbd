using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;
using static Omni.Emulator.Tests.UserEndpointTests;

namespace Omni.Emulator.Tests;

public sealed class GroupEndpointTests
{
    [Fact]
    public async Task Create_answers_201_with_a_short_id_members_shown_by_userName_and_meta()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = (await emulator.CreateUserAsync("eng@example.com")).Str("id");

        var group = await Responses.ExpectAsync(await emulator.PostAsync("/api/scim/v2/groups",
            $$"""{"displayName": "Engineering", "members": [{"value": "{{user}}"}, {"value": "{{user}}"}]}"""), 201);

        Assert.Matches("^[A-Za-z0-9]{8}$", group.Str("id"));
        Assert.Equal("Engineering", group.Str("displayName"));
        Assert.Equal($$"""[{"display":"eng@example.com","value":"{{user}}"}]""", group["members"]!.ToJsonString());
        Assert.Equal("""["urn:ietf:params:scim:schemas:core:2.0:Group"]""", group["schemas"]!.ToJsonString());
        Assert.Equal("Group", group["meta"].Str("resourceType"));
        Assert.Matches(IsoMilliseconds(), group["meta"].Str("created"));
        var empty = await Responses.ExpectAsync(await emulator.PostAsync("/api/scim/v2/Groups", """{"displayName": "Empty"}"""), 201);
        Assert.Equal("[]", empty["members"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"members": []}""", "displayName")]
    [InlineData("""{"displayName": ""}""", "displayName")]
    [InlineData("""{"displayName": "x", "members": "all"}""", "members")]
    [InlineData("""{"displayName": "x", "members": [{"display": "no value"}]}""", "members[0].value")]
    [InlineData("""{"displayName": "x", "members": [{"value": "00000000-0000-0000-0000-000000000000"}]}""", "members")]
    public async Task Create_refuses_a_bad_body_with_400_naming_the_field(string body, string field)
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Contains(field, await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/groups", body), 400),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_refuses_a_displayName_longer_than_64_characters()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync(new string('a', 64));
        var message = await Responses.ExpectErrorAsync(
            await emulator.PostAsync("/api/scim/v2/groups", $$"""{"displayName": "{{new string('b', 65)}}"}"""), 400);
        Assert.Contains("64", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_group_name_in_any_letter_case_is_409()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var first = await emulator.CreateGroupAsync("Finance");
        Assert.Equal("Group with this name already exists",
            await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/groups", """{"displayName": "FINANCE"}"""), 409));
        var other = await emulator.CreateGroupAsync("Other");
        Assert.Equal("Group with this name already exists", await Responses.ExpectErrorAsync(await emulator.PatchAsync(
            $"/api/scim/v2/groups/{other.Str("id")}", Patch("""{"op": "replace", "path": "displayName", "value": "finance"}""")), 409));
        Assert.NotEqual(first.Str("id"), other.Str("id"));
    }

    [Fact]
    public async Task Get_answers_200_honours_excludedAttributes_and_404_for_an_unknown_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = (await emulator.CreateUserAsync("g@example.com")).Str("id");
        var id = (await emulator.CreateGroupAsync("Readers", user)).Str("id");

        var full = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/Groups/{id}"), 200);
        Assert.Single(full["members"]!.AsArray());
        var slim = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/groups/{id}?excludedAttributes=members"), 200);
        Assert.False(slim.ContainsKey("members"));
        Assert.Equal("Readers", slim.Str("displayName"));
        Assert.Equal("Group not found", await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/scim/v2/groups/zzzzzzzz"), 404));
    }

    [Fact]
    public async Task List_filters_by_displayName_case_insensitively_with_escaped_quotes_and_can_exclude_members()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = (await emulator.CreateUserAsync("l@example.com")).Str("id");
        await emulator.CreateGroupAsync("Alpha", user);
        var quoted = await Responses.ExpectAsync(await emulator.PostAsync("/api/scim/v2/groups", """{"displayName": "Say \"hi\" \\ bye"}"""), 201);

        var alpha = await List(emulator, "/api/scim/v2/groups?filter=" + Uri.EscapeDataString("displayName eq \"ALPHA\""));
        Assert.Equal(1, (int)alpha["totalResults"]!);
        Assert.Equal("Alpha", alpha["Resources"]![0].Str("displayName"));
        Assert.Single(alpha["Resources"]![0]!["members"]!.AsArray());

        var escaped = await List(emulator, "/api/scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"say \\\"HI\\\" \\\\ bye\""));
        Assert.Equal(quoted.Str("id"), escaped["Resources"]![0].Str("id"));

        var slim = await List(emulator, "/api/scim/v2/groups?excludedAttributes=members");
        Assert.Equal(2, (int)slim["totalResults"]!);
        Assert.All(slim["Resources"]!.AsArray(), g => Assert.False(g!.AsObject().ContainsKey("members")));
        Assert.Contains("displayName eq", await Responses.ExpectErrorAsync(
            await emulator.GetAsync("/api/scim/v2/groups?filter=" + Uri.EscapeDataString("userName eq \"x\"")), 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_overwrites_name_and_membership_and_requires_both()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var a = (await emulator.CreateUserAsync("a@example.com")).Str("id");
        var b = (await emulator.CreateUserAsync("b@example.com")).Str("id");
        var id = (await emulator.CreateGroupAsync("Before", a)).Str("id");

        var replaced = await Responses.ExpectAsync(await emulator.PutAsync($"/api/scim/v2/groups/{id}",
            $$"""{"displayName": "After", "members": [{"display": "b@example.com", "value": "{{b}}"}]}"""), 200);
        Assert.Equal("After", replaced.Str("displayName"));
        Assert.Equal([b], replaced["members"]!.AsArray().Select(m => m.Str("value")));

        Assert.Contains("members", await Responses.ExpectErrorAsync(
            await emulator.PutAsync($"/api/scim/v2/groups/{id}", """{"displayName": "No Members"}"""), 400), StringComparison.Ordinal);
        Assert.Contains("displayName", await Responses.ExpectErrorAsync(
            await emulator.PutAsync($"/api/scim/v2/groups/{id}", """{"members": []}"""), 400), StringComparison.Ordinal);
        await Responses.ExpectErrorAsync(await emulator.PutAsync("/api/scim/v2/groups/zzzzzzzz", """{"displayName": "X", "members": []}"""), 404);
    }

    [Fact]
    public async Task Patch_adds_removes_and_replaces_members_and_renames_with_and_without_a_path()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var a = (await emulator.CreateUserAsync("a@example.com")).Str("id");
        var b = (await emulator.CreateUserAsync("b@example.com")).Str("id");
        var c = (await emulator.CreateUserAsync("c@example.com")).Str("id");
        var path = $"/api/scim/v2/Groups/{(await emulator.CreateGroupAsync("Team", a)).Str("id")}";

        Assert.Equal(new[] { a, b, c }, await Members(emulator, path, $$"""{"op": "Add", "path": "members", "value": [{"value": "{{b}}"}, {"value": "{{c}}"}, {"value": "{{a}}"}]}"""));
        Assert.Equal(new[] { a, c }, await Members(emulator, path, $$"""{"op": "remove", "path": "members[value eq \"{{b}}\"]"}"""));
        Assert.Equal(new[] { b }, await Members(emulator, path, $$"""{"op": "replace", "path": "members", "value": [{"value": "{{b}}"}]}"""));
        Assert.Equal(Array.Empty<string>(), await Members(emulator, path, """{"op": "remove", "path": "members"}"""));

        var renamed = await Responses.ExpectAsync(await emulator.PatchAsync(path, Patch("""{"op": "replace", "path": "displayName", "value": "Renamed"}""")), 200);
        Assert.Equal("Renamed", renamed.Str("displayName"));
        var pathless = await Responses.ExpectAsync(await emulator.PatchAsync(path, Patch("""{"op": "Replace", "value": {"id": "ignored", "displayName": "Pathless"}}""")), 200);
        Assert.Equal("Pathless", pathless.Str("displayName"));
        Assert.Equal("Pathless", (await Responses.ExpectAsync(await emulator.GetAsync(path), 200)).Str("displayName"));
    }

    [Theory]
    [InlineData("""{"op": "add", "path": "members", "value": [{"value": "00000000-0000-0000-0000-000000000000"}]}""", "no user")]
    [InlineData("""{"op": "add", "path": "displayName", "value": 5}""", "displayName")]
    [InlineData("""{"op": "remove", "path": "displayName"}""", "displayName")]
    [InlineData("""{"op": "remove"}""", "path")]
    [InlineData("""{"op": "replace", "path": "owner", "value": "x"}""", "owner")]
    [InlineData("""{"op": "replace", "value": {"owner": "x"}}""", "owner")]
    public async Task Invalid_group_patches_are_400_and_change_nothing(string operation, string named)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var a = (await emulator.CreateUserAsync("a@example.com")).Str("id");
        var path = $"/api/scim/v2/groups/{(await emulator.CreateGroupAsync("Team", a)).Str("id")}";

        Assert.Contains(named, await Responses.ExpectErrorAsync(await emulator.PatchAsync(path, Patch(
            """{"op": "replace", "path": "members", "value": []}""", operation)), 400), StringComparison.Ordinal);
        Assert.Equal([a], (await Responses.ExpectAsync(await emulator.GetAsync(path), 200))["members"]!.AsArray().Select(m => m.Str("value")));
    }

    [Fact]
    public async Task Delete_answers_204_then_404_and_users_lose_the_group()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = (await emulator.CreateUserAsync("d@example.com")).Str("id");
        var id = (await emulator.CreateGroupAsync("Doomed", user)).Str("id");

        await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/scim/v2/Groups/{id}"), 204);
        Assert.Equal("Group not found", await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/scim/v2/groups/{id}"), 404));
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/scim/v2/groups/{id}"), 404);
        Assert.Equal("[]", (await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{user}"), 200))["groups"]!.ToJsonString());
        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/scim/v2/groups/{id}", Patch("""{"op": "remove", "path": "members"}""")), 404);
    }

    private static async Task<JsonObject> List(TestEmulator emulator, string path) =>
        await Responses.ExpectAsync(await emulator.GetAsync(path), 200);

    private static async Task<string[]> Members(TestEmulator emulator, string path, string operation)
    {
        var group = await Responses.ExpectAsync(await emulator.PatchAsync(path, Patch(operation)), 200);
        return [.. group["members"]!.AsArray().Select(m => m.Str("value"))];
    }
}
