using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

public class ModelLifecycleTests : HarnessTest
{
    private const string ModelType = "omni:index:Model";
    private const string GitType = "omni:index:ModelGit";
    private const string GitToken = "ghp_tokenNeverShown123";

    private async Task<string> ConnectionAsync(string name = "Warehouse")
    {
        using var omni = H.OutOfBand();
        return await omni.Connections.CreateAsync(new ConnectionCreate(name, "postgres") { Database = "analytics", Password = "pw" });
    }

    private static Struct ModelInputs(string connectionId, string name) => Wire.Struct(("connectionId", connectionId), ("name", name));

    private Task<UpdateResponse> UpdateAsync(string type, string name, CreateResponse created, Struct oldInputs, Struct news) =>
        H.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn(type, name), Type = type, Olds = created.Properties, OldInputs = oldInputs, News = news })
            .ResponseAsync;

    private Task DeleteAsync(string type, string name, CreateResponse created) =>
        H.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn(type, name), Type = type, Properties = created.Properties }).ResponseAsync;

    [Fact]
    public async Task Model_create_rename_in_place_refresh_import_and_delete_twice()
    {
        await H.ConfigureAsync();
        var connectionId = await ConnectionAsync();
        var (created, inputs) = await H.CreateAsync(ModelType, "m", ModelInputs(connectionId, "Sales"));
        Assert.Equal("SHARED", created.Properties.Fields["kind"].StringValue);
        using var omni = H.OutOfBand();
        Assert.Equal("Sales", (await omni.Models.GetAsync(created.Id))!.Name);

        var news = (await H.CheckAsync(ModelType, "m", ModelInputs(connectionId, "Revenue"))).Inputs;
        var diff = await H.DiffAsync(ModelType, created.Id, created.Properties, inputs, news);
        Assert.Equal(["name"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        await UpdateAsync(ModelType, "m", created, inputs, news);
        Assert.Equal("Revenue", (await omni.Models.GetAsync(created.Id))!.Name);

        // Renamed outside Pulumi: refresh reports the drift.
        await omni.Models.RenameAsync(created.Id, "Outside");
        var read = await H.RefreshAsync(ModelType, "m", created.Id, created.Properties, news);
        Assert.Equal("Outside", read.Inputs.Fields["name"].StringValue);

        var imported = await H.ImportAsync(ModelType, "i", created.Id);
        Assert.Equal(connectionId, imported.Inputs.Fields["connectionId"].StringValue);
        Assert.Equal("SHARED", imported.Inputs.Fields["kind"].StringValue);

        await DeleteAsync(ModelType, "m", created);
        Assert.Null(await omni.Models.GetAsync(created.Id));
        await DeleteAsync(ModelType, "m", created); // already archived: done
        Assert.Equal("", (await H.RefreshAsync(ModelType, "m", created.Id, created.Properties, news)).Id);
        Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning);
    }

    [Fact]
    public async Task Changing_the_connection_or_kind_replaces_the_model()
    {
        await H.ConfigureAsync();
        var connectionId = await ConnectionAsync();
        var (created, inputs) = await H.CreateAsync(ModelType, "m", ModelInputs(connectionId, "Sales"));
        var other = inputs.Clone();
        other.Fields["connectionId"] = Wire.Value(await ConnectionAsync("Other"));

        var diff = await H.DiffAsync(ModelType, created.Id, created.Properties, inputs, other);

        Assert.Equal(["connectionId"], diff.Replaces);
        var extension = await H.CheckAsync(ModelType, "e", Wire.Struct(("connectionId", connectionId), ("name", "Ext"), ("kind", "SHARED_EXTENSION")));
        Assert.Equal("baseModelId", Assert.Single(extension.Failures).Property);
    }

    [Fact]
    public async Task ModelGit_links_updates_in_place_keeps_the_token_secret_and_unlinks_twice()
    {
        await H.ConfigureAsync();
        var connectionId = await ConnectionAsync();
        var (model, _) = await H.CreateAsync(ModelType, "m", ModelInputs(connectionId, "Sales"));
        var inputs = Wire.Struct(("modelId", model.Id), ("cloneUrl", "https://github.com/acme/omni.git"), ("authMethod", "https_token"),
            ("token", Wire.Secret(GitToken)));

        var (created, checkedInputs) = await H.CreateAsync(GitType, "git", inputs);

        Assert.Equal(model.Id, created.Id);
        Assert.True(Wire.IsSecret(created.Properties.Fields["token"]));
        Assert.True(Wire.IsSecret(created.Properties.Fields["webhookSecretOut"]));
        Assert.NotEmpty(Wire.Text(created.Properties, "webhookSecretOut"));
        Assert.Equal("https://github.com/acme/omni.git", created.Properties.Fields["cloneUrl"].StringValue);

        var news = checkedInputs.Clone();
        news.Fields["baseBranch"] = Wire.Value("release");
        var diff = await H.DiffAsync(GitType, created.Id, created.Properties, checkedInputs, news);
        Assert.Equal(["baseBranch"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        await UpdateAsync(GitType, "git", created, checkedInputs, news);
        using var omni = H.OutOfBand();
        Assert.Equal("release", (await omni.Models.GetGitAsync(model.Id))!.BaseBranch);

        var read = await H.RefreshAsync(GitType, "git", created.Id, created.Properties, news);
        Assert.Equal("release", read.Inputs.Fields["baseBranch"].StringValue);
        Assert.Equal(GitToken, Wire.Text(read.Properties, "token"));
        var imported = await H.ImportAsync(GitType, "i", model.Id);
        Assert.Equal("https_token", imported.Inputs.Fields["authMethod"].StringValue);
        Assert.False(imported.Inputs.Fields.ContainsKey("token"));

        await DeleteAsync(GitType, "git", created);
        Assert.Null(await omni.Models.GetGitAsync(model.Id));
        await DeleteAsync(GitType, "git", created); // no link: done
        Assert.All(H.Engine.Logs.All, l => Assert.DoesNotContain(GitToken, l.Message, StringComparison.Ordinal));
    }
}
