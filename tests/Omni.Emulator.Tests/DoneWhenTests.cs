using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Omni.Emulator.Tests;

/// <summary>
/// Issue 2's "Done when", literally: the built emulator, started with
/// <c>--urls http://127.0.0.1:PORT --data DIR --api-key KEY</c>, serves the request of Omni's
/// create-user page (../shared/omni/create-user-page.txt, beside the repository) end to end.
/// </summary>
public sealed class DoneWhenTests(ITestOutputHelper output)
{
    private const string Key = "done-when-key";
    private const string Users = "/api/scim/v2/users";

    // The saved page went through Cloudflare's email obfuscation, which replaces every address with
    // "[email protected]" (a no-break space inside); the emulator, like Omni, rightly refuses that as a
    // userName, so a real address goes in its place.
    private const string MaskedAddress = "[email\u00A0protected]";
    private const string RealAddress = "blob.ross@example.com";

    private static string PagePath => Path.GetFullPath(
        Path.Combine(RepositoryRoot.Find(), "..", "shared", "omni", "create-user-page.txt"));

    [SkippableFact]
    public async Task The_create_user_page_request_round_trips_and_survives_a_restart()
    {
        var body = CreateUserBodyFromPage();
        var folder = Directory.CreateTempSubdirectory("omni-emulator-done-when-");
        try
        {
            string keptId;
            await using (var first = await EmulatorProcess.StartAsync(folder.FullName, Key, output))
            {
                var emulator = first.Emulator;
                var created = await Responses.ExpectAsync(await emulator.PostAsync(Users, body.ToJsonString()), 201);
                var id = created.Str("id");
                Assert.True(Guid.TryParseExact(id, "D", out _), $"id '{id}' is not a UUID");
                Assert.Equal(RealAddress, created.Str("userName"));

                var upperCased = body.DeepClone().AsObject();
                upperCased["userName"] = RealAddress.ToUpperInvariant();
                Assert.Equal("User with this email already exists",
                    await Responses.ExpectErrorAsync(await emulator.PostAsync(Users, upperCased.ToJsonString()), 409));

                Assert.Equal(id, (await Responses.ExpectAsync(await emulator.GetAsync($"{Users}/{id}"), 200)).Str("id"));
                Assert.Equal([id], await FindByUserNameAsync(emulator, RealAddress));

                await Responses.ExpectAsync(await emulator.DeleteAsync($"{Users}/{id}"), 204);
                await Responses.ExpectErrorAsync(await emulator.GetAsync($"{Users}/{id}"), 404);

                // Created again, to be the user that must outlive the restart (the first one is deleted).
                keptId = (await Responses.ExpectAsync(await emulator.PostAsync(Users, body.ToJsonString()), 201)).Str("id");
                Assert.NotEqual(id, keptId);
                await first.StopGracefullyAsync();
            }

            await using var second = await EmulatorProcess.StartAsync(folder.FullName, Key, output);
            var kept = await Responses.ExpectAsync(await second.Emulator.GetAsync($"{Users}/{keptId}"), 200);
            Assert.Equal(RealAddress, kept.Str("userName"));
            Assert.Equal("Blob Ross", kept.Str("displayName"));
            Assert.Equal([keptId], await FindByUserNameAsync(second.Emulator, RealAddress.ToUpperInvariant()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The JSON after <c>--data '</c> up to the closing quote, with the masked address replaced.</summary>
    private static JsonObject CreateUserBodyFromPage()
    {
        var path = PagePath;
        Skip.IfNot(File.Exists(path), $"Omni's create-user page is not at {path}; the Done-when check cannot run here.");
        var page = File.ReadAllText(path);
        const string opening = "--data '";
        var start = page.IndexOf(opening, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{path} has no {opening}");
        start += opening.Length;
        var end = page.IndexOf('\'', start);
        Assert.True(end > start, $"{path}: the --data body has no closing quote");

        var body = JsonNode.Parse(page[start..end].Replace(MaskedAddress, RealAddress, StringComparison.Ordinal))!.AsObject();
        Assert.Equal(RealAddress, body.Str("userName"));
        return body;
    }

    private static async Task<string[]> FindByUserNameAsync(TestEmulatorClient emulator, string userName)
    {
        var filter = Uri.EscapeDataString($"userName eq \"{userName}\"");
        var page = await Responses.ExpectAsync(await emulator.GetAsync($"{Users}?filter={filter}"), 200);
        return [.. page["Resources"]!.AsArray().Select(user => user.Str("id"))];
    }
}
