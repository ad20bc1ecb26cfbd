using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>/api/v1/labels: names unique in any letter case, partial PUT with rename, no delete while applied.</summary>
public sealed class LabelTests
{
    [SkippableFact]
    public async Task Labels_are_created_read_listed_renamed_and_deleted_in_Omnis_shapes()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();

        var created = await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/labels",
            """{"name": "Finance", "color": "#0366d6", "description": "Money"}"""), 201);
        schemas.AssertValid("LabelsCreateResponse", created);
        Assert.Equal(0, (int)created["usage_count"]!);
        Assert.False((bool)created["verified"]!);

        schemas.AssertValid("LabelsGetResponse", await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/labels/FINANCE"), 200));
        schemas.AssertValid("LabelsListResponse", await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/labels"), 200));
        Assert.Contains("already exists", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/labels", """{"name": "finance"}"""), 409),
            StringComparison.Ordinal);

        var updated = await Responses.ExpectAsync(await emulator.PutAsync("/api/v1/labels/finance", """{"name": "Fin Ops", "color": null}"""), 200);
        schemas.AssertValid("LabelsUpdateResponse", updated);
        Assert.Equal(("Fin Ops", (string?)null, "Money"), (updated.Str("name"), (string?)updated["color"], updated.Str("description")));
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/labels/finance"), 404);

        await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/labels", """{"name": "Other"}"""), 201);
        await Responses.ExpectErrorAsync(await emulator.PutAsync("/api/v1/labels/other", """{"name": "FIN OPS"}"""), 409);

        using var deleted = await emulator.DeleteAsync("/api/v1/labels/fin%20ops");
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsStringAsync());
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync("/api/v1/labels/fin%20ops"), 404);
    }

    [Theory]
    [InlineData("""{"name": "x"}""", "name")]
    [InlineData("""{"name": "a name longer than 25 chars"}""", "name")]
    [InlineData("""{"name": "ok", "color": "#0366d6ff00"}""", "color")]
    [InlineData("""{"color": "#000"}""", "name")]
    public async Task A_bad_label_is_400_naming_the_field(string body, string named)
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Contains(named, await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/labels", body), 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_label_on_a_document_counts_its_usage_and_cannot_be_deleted_until_removed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/labels", """{"name": "kpi"}"""), 201);

        using (var put = await emulator.PutAsync("/api/v1/documents/sample-dashboard/labels/KPI", ""))
        {
            Assert.Equal(204, (int)put.StatusCode);
        }

        await emulator.PutAsync("/api/v1/documents/sample-dashboard/labels/kpi", "");
        Assert.Equal(1, (int)(await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/labels/kpi"), 200))["usage_count"]!);
        Assert.Contains("applied", await Responses.ExpectErrorAsync(await emulator.DeleteAsync("/api/v1/labels/kpi"), 409), StringComparison.Ordinal);

        Assert.Equal(204, (int)(await emulator.DeleteAsync("/api/v1/documents/sample-dashboard/labels/kpi")).StatusCode);
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync("/api/v1/documents/sample-dashboard/labels/kpi"), 404);
        Assert.Equal(204, (int)(await emulator.DeleteAsync("/api/v1/labels/kpi")).StatusCode);
    }

    [Fact]
    public async Task A_personal_access_token_makes_basic_labels_but_not_verified_or_homepage_ones()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/labels", """{"name": "Certified", "verified": true}"""), 201);
        using var pat = emulator.ClientWithToken(TestEmulator.Pat);
        var member = new TestEmulatorClient(pat);

        await Responses.ExpectAsync(await member.PostAsync("/api/v1/labels", """{"name": "scratch"}"""), 201);
        await Responses.ExpectErrorAsync(await member.PostAsync("/api/v1/labels", """{"name": "promoted", "homepage": true}"""), 403);
        await Responses.ExpectErrorAsync(await member.PutAsync("/api/v1/labels/certified", """{"color": "#fff"}"""), 403);
        await Responses.ExpectErrorAsync(await member.DeleteAsync("/api/v1/labels/certified"), 403);
        Assert.Equal(204, (int)(await member.DeleteAsync("/api/v1/labels/scratch")).StatusCode);
        var names = (await Responses.ExpectAsync(await member.GetAsync("/api/v1/labels"), 200))["labels"]!.AsArray().Select(l => l.Str("name"));
        Assert.Equal(["Certified"], names);
    }
}
