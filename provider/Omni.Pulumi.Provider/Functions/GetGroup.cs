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
    public async Task<FunctionResult<GetGroupResult>> InvokeAsync(FunctionRequest<GetGroupArgs> request, CancellationToken cancellationToken)
    {
        var args = request.Args.Value;
        if (OneOf.Check("getGroup", ("id", args.Id), ("displayName", args.DisplayName)) is { Count: > 0 } failures)
        {
            return FunctionResult<GetGroupResult>.Fail(failures);
        }

        var byId = args.Id is not null;
        var group = byId
            ? await Lookups.GroupByIdAsync(omni.Client, args.Id!, cancellationToken).ConfigureAwait(false)
            : await Lookups.GroupByNameAsync(omni.Client, args.DisplayName!, cancellationToken).ConfigureAwait(false);
        if (group is not null)
        {
            return FunctionResult<GetGroupResult>.Of(new GetGroupResult
            {
                Id = group.Id,
                DisplayName = group.DisplayName,
                Members = [.. group.Members.Select(GroupMember.From)],
            });
        }

        var arg = byId ? "id" : "displayName";
        var value = request.Args.IsSecret(arg) ? "(secret)" : $"'{(byId ? args.Id : args.DisplayName)}'";
        return FunctionResult<GetGroupResult>.Fail(arg, $"getGroup: no group with {arg} {value} exists in this Omni organisation. Check the {arg}.");
    }
}
