using Microsoft.Data.Sqlite;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>
/// Emails and group names are unique, and filtered, in any letter case: non-ASCII letters too
/// (SQLite's NOCASE folds only A-Z, while the client compares with OrdinalIgnoreCase).
/// </summary>
public sealed class NonAsciiLetterCaseTests
{
    [Fact]
    public async Task Emails_that_differ_only_in_the_case_of_non_ascii_letters_are_one_user()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("élodie@example.com", "Élodie")).Str("id");

        Assert.Equal("User with this email already exists", await Responses.ExpectErrorAsync(
            await emulator.PostAsync("/api/scim/v2/Users", """{"userName": "ÉLODIE@example.com", "displayName": "Dup"}"""), 409));
        var page = await Responses.ExpectAsync(
            await emulator.GetAsync("/api/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"ÉLODIE@EXAMPLE.COM\"")), 200);
        Assert.Equal(1, (int)page["totalResults"]!);
        Assert.Equal(id, page["Resources"]![0].Str("id"));
        Assert.Equal("élodie@example.com", page["Resources"]![0].Str("userName"));
    }

    [Fact]
    public async Task Renaming_a_user_onto_another_email_in_another_non_ascii_case_is_409()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("jörg@example.com");
        var other = (await emulator.CreateUserAsync("other@example.com")).Str("id");

        await Responses.ExpectErrorAsync(await emulator.PutAsync($"/api/scim/v2/Users/{other}",
            """{"userName": "JÖRG@example.com", "displayName": "Other"}"""), 409);
        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/scim/v2/Users/{other}",
            """{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "userName", "value": "Jörg@Example.com"}]}"""), 409);
    }

    [Fact]
    public async Task Group_names_that_differ_only_in_the_case_of_non_ascii_letters_are_one_group()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateGroupAsync("Équipe Données")).Str("id");

        Assert.Equal("Group with this name already exists", await Responses.ExpectErrorAsync(
            await emulator.PostAsync("/api/scim/v2/Groups", """{"displayName": "équipe données"}"""), 409));
        var page = await Responses.ExpectAsync(
            await emulator.GetAsync("/api/scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"ÉQUIPE DONNÉES\"")), 200);
        Assert.Equal(1, (int)page["totalResults"]!);
        Assert.Equal(id, page["Resources"]![0].Str("id"));
    }

    [Fact]
    public async Task A_data_file_written_before_the_key_columns_existed_is_migrated()
    {
        var folder = Directory.CreateTempSubdirectory("omni-emulator-legacy-");
        try
        {
            var (userId, groupId) = WriteLegacyDataFile(Path.Combine(folder.FullName, "omni-emulator.db"));
            await using var emulator = await TestEmulator.StartAsync(o => o with { InMemory = false, DataDirectory = folder.FullName });

            var user = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/Users/{userId}"), 200);
            Assert.Equal("Élodie@example.com", user.Str("userName"));
            Assert.Equal(groupId, user["groups"]![0].Str("value"));
            var page = await Responses.ExpectAsync(
                await emulator.GetAsync("/api/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"élodie@EXAMPLE.com\"")), 200);
            Assert.Equal(userId, page["Resources"]![0].Str("id"));
            await Responses.ExpectErrorAsync(
                await emulator.PostAsync("/api/scim/v2/Users", """{"userName": "ÉLODIE@example.com", "displayName": "Dup"}"""), 409);
            await Responses.ExpectErrorAsync(
                await emulator.PostAsync("/api/scim/v2/Groups", """{"displayName": "ÉQUIPE"}"""), 409);
            await emulator.CreateUserAsync("new.user@example.com");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_legacy_data_file_whose_names_now_collide_is_refused_with_the_way_out()
    {
        var folder = Directory.CreateTempSubdirectory("omni-emulator-legacy-");
        try
        {
            var path = Path.Combine(folder.FullName, "omni-emulator.db");
            WriteLegacyDataFile(path);
            // NOCASE let both in: it folds only ASCII letters.
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO users (id, user_name, display_name, active, created, last_modified)
                        VALUES ('5d7c9a3e-1b2f-4c6d-8e9f-0a1b2c3d4e5f', 'élodie@example.com', 'Twin', 1, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
                    """;
                command.ExecuteNonQuery();
            }

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                TestEmulator.StartAsync(o => o with { InMemory = false, DataDirectory = folder.FullName }));
            Assert.Contains("fresh --data folder", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The schema and rows of an emulator from before the key columns (NOCASE indexes).</summary>
    private static (string UserId, string GroupId) WriteLegacyDataFile(string path)
    {
        const string userId = "0f8fad5b-d9cb-469f-a165-70867728950e";
        const string groupId = "Legacy01";
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE users (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, user_name TEXT NOT NULL,
                display_name TEXT NOT NULL, active INTEGER NOT NULL, attributes TEXT NOT NULL DEFAULT '{"{}"}',
                created TEXT NOT NULL, last_modified TEXT NOT NULL, last_login TEXT NULL);
            CREATE UNIQUE INDEX users_user_name ON users (user_name COLLATE NOCASE);
            CREATE TABLE user_groups (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
                created TEXT NOT NULL, last_modified TEXT NOT NULL);
            CREATE UNIQUE INDEX user_groups_display_name ON user_groups (display_name COLLATE NOCASE);
            CREATE TABLE group_members (group_id TEXT NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE, PRIMARY KEY (group_id, user_id));
            INSERT INTO users (id, user_name, display_name, active, created, last_modified)
                VALUES ('{userId}', 'Élodie@example.com', 'Élodie', 1, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
            INSERT INTO user_groups (id, display_name, created, last_modified)
                VALUES ('{groupId}', 'équipe', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
            INSERT INTO group_members (group_id, user_id) VALUES ('{groupId}', '{userId}');
            """;
        command.ExecuteNonQuery();
        return (userId, groupId);
    }
}
