using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Scim;

/// <summary>SCIM groups. Routing is case-insensitive, so both /groups and Omni's /Groups spelling match.</summary>
internal static class GroupEndpoints
{
    public static void MapGroupEndpoints(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/scim/v2/groups");
        groups.MapGet("", ListAsync);
        groups.MapPost("", CreateAsync);
        groups.MapGet("/{id}", GetAsync);
        groups.MapPut("/{id}", ReplaceAsync);
        groups.MapPatch("/{id}", PatchAsync);
        groups.MapDelete("/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, GroupStore store, CancellationToken cancellationToken)
    {
        var displayName = ScimFilter.ParseEquals(request.Query["filter"], "displayName");
        var paging = Paging.From(request);
        var page = await store.ListAsync(displayName, paging.Offset, paging.Count, cancellationToken).ConfigureAwait(false);
        var includeMembers = IncludeMembers(request);
        var resources = page.Items.Select(g => ScimRepresentation.Group(g, includeMembers)).ToList();
        return Results.Json(
            new ScimListResponse<ScimGroupResource>(resources, resources.Count, ScimRepresentation.ListSchemas, paging.StartIndex, page.Total),
            EmulatorJson.Context.ScimListResponseScimGroupResource);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, GroupStore store, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var displayName = GroupRules.DisplayName(body["displayName"]);
        var members = body["members"] is null ? [] : GroupRules.MemberIds(body["members"]);
        var group = await store.CreateAsync(new GroupState(displayName, members), cancellationToken).ConfigureAwait(false);
        return GroupResult(group, includeMembers: true, StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, GroupStore store, CancellationToken cancellationToken)
    {
        var group = await store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.GroupNotFound();
        return GroupResult(group, IncludeMembers(request));
    }

    /// <summary>PUT overwrites name and membership; Omni's spec requires both fields.</summary>
    private static async Task<IResult> ReplaceAsync(string id, HttpRequest request, GroupStore store, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var displayName = GroupRules.DisplayName(body["displayName"]);
        var members = body.ContainsKey("members")
            ? GroupRules.MemberIds(body["members"])
            : throw ApiProblem.BadRequest("members: Required (send [] for a group without members)");
        var group = await store.UpdateAsync(id, _ => new GroupState(displayName, members), cancellationToken).ConfigureAwait(false);
        return GroupResult(group, includeMembers: true);
    }

    private static async Task<IResult> PatchAsync(string id, HttpRequest request, GroupStore store, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var patch = GroupPatch.Parse(body);
        var group = await store.UpdateAsync(id, patch.ApplyTo, cancellationToken).ConfigureAwait(false);
        return GroupResult(group, IncludeMembers(request));
    }

    private static async Task<IResult> DeleteAsync(string id, GroupStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? Results.NoContent()
            : throw ApiProblem.GroupNotFound();

    private static IResult GroupResult(StoredGroup group, bool includeMembers, int status = StatusCodes.Status200OK) =>
        Results.Json(ScimRepresentation.Group(group, includeMembers), EmulatorJson.Context.ScimGroupResource,
            statusCode: status);

    private static bool IncludeMembers(HttpRequest request) =>
        !request.Query["excludedAttributes"].SelectMany(v => (v ?? "").Split(','))
            .Any(a => a.Trim().Equals("members", StringComparison.OrdinalIgnoreCase));
}
