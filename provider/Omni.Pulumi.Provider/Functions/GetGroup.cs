using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;
using Omni.Pulumi.Provider.Resources.Groups;

namespace Omni.Pulumi.Provider.Functions;

internal sealed record GetGroupArgs
{
    [PulumiProperty("id", Description = "The group's id (Omni's short id). Give either id or displayName.")]
    public string? Id { get; init; }

    [PulumiProperty("displayName", Description = "The group's name, matched case-insensitively. Give either displayName or id.")]
    public string? DisplayName { get; init; }
}

internal sealed record GetGroupResult
{
    [PulumiProperty("id", Description = "The group's id (Omni's short id).", Required = true)]
    public string Id { get; init; } = "";

    [PulumiProperty("displayName", Description = "The group's name.", Required = true)]
    public string DisplayName { get; init; } = "";

    [PulumiProperty("members", Description = "The group's members.", Required = true)]
    public IReadOnlyList<GroupMember> Members { get; init; } = [];
}

/// <summary><c>omni:index:getGroup</c>: one GET by id, or one filtered list by displayName.</summary>
[PulumiFunction("omni:index:getGroup",
    Description = "Reads one group of the Omni organisation with its members, by id or by displayName (matched case-insensitively).")]
internal sealed class GetGroupFunction(OmniSession omni) : IProviderFunction<GetGroupArgs, GetGroupResult>
{
    public Task<FunctionResult<GetGroupResult>> InvokeAsync(FunctionRequest<GetGroupArgs> request, CancellationToken cancellationToken) =>
        OneOf.FindAsync(request, "getGroup", "group",
            [
                new LookupKey<ScimGroup>(request.Args.NameOf(a => a.Id), request.Args.Value.Id, (id, ct) => Lookups.GroupByIdAsync(omni.Groups, id, ct)),
                new LookupKey<ScimGroup>(request.Args.NameOf(a => a.DisplayName), request.Args.Value.DisplayName, (name, ct) => Lookups.GroupByNameAsync(omni.Groups, name, ct)),
            ],
            group => new GetGroupResult
            {
                Id = group.Id,
                DisplayName = group.DisplayName,
                Members = [.. group.Members.Select(GroupMember.From)],
            },
            "", cancellationToken);
}
