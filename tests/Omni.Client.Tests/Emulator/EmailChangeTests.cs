using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Emulator;

/// <summary>Issue 16 item 1: an email change is one PATCH that keeps the user (same id), as Omni documents it.</summary>
public sealed class EmailChangeTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorHost _emulator = fixture.Host;

    public Task InitializeAsync() => _emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SetUserName_changes_the_email_and_display_name_together_in_place()
    {
        using var client = _emulator.CreateClient();
        var user = await client.Users.CreateAsync(new ScimUserCreate("old@example.com", "Old Name"));

        var patch = new ScimUserPatch().SetUserName("new@example.com").SetDisplayName("New Name");
        Assert.Contains("\"userName\"", patch.ToString(), StringComparison.Ordinal);
        var changed = await client.Users.PatchAsync(user.Id, patch);

        Assert.Equal(user.Id, changed.Id);
        Assert.Equal("new@example.com", changed.UserName);
        Assert.Equal("New Name", changed.DisplayName);
        Assert.Null(await client.Users.FindByUserNameAsync("old@example.com"));
    }

    [Fact]
    public async Task An_email_that_belongs_to_another_user_is_a_conflict_naming_it()
    {
        using var client = _emulator.CreateClient();
        var first = await client.Users.CreateAsync(new ScimUserCreate("first@example.com", "First"));
        await client.Users.CreateAsync(new ScimUserCreate("taken@example.com", "Taken"));

        var error = await Assert.ThrowsAsync<OmniConflictException>(() => client.Users.PatchAsync(first.Id, new ScimUserPatch().SetUserName("taken@example.com")));

        Assert.Equal("taken@example.com", error.UserName);
        Assert.Equal("first@example.com", (await client.Users.GetAsync(first.Id))!.UserName);
    }
}
