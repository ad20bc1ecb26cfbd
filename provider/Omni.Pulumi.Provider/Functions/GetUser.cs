using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

internal sealed record GetUserArgs
{
    [PulumiProperty("id", Description = "The user's id in Omni. Give either id or userName.")]
    public string? Id { get; init; }

    [PulumiProperty("userName", Description = "The user's email, matched case-insensitively. Give either userName or id.")]
    public string? UserName { get; init; }
}

internal sealed record GetUserResult : UserOutputs;

/// <summary><c>omni:index:getUser</c>: one GET by id, or one filtered list by userName.</summary>
[PulumiFunction("omni:index:getUser",
    Description = "Reads one user of the Omni organisation, by id or by userName (the email, matched case-insensitively).")]
internal sealed class GetUserFunction(OmniSession omni) : IProviderFunction<GetUserArgs, GetUserResult>
{
    public async Task<FunctionResult<GetUserResult>> InvokeAsync(FunctionRequest<GetUserArgs> request, CancellationToken cancellationToken)
    {
        var args = request.Args.Value;
        if (OneOf.Check("getUser", ("id", args.Id), ("userName", args.UserName)) is { Count: > 0 } failures)
        {
            return FunctionResult<GetUserResult>.Fail(failures);
        }

        var byId = args.Id is not null;
        var user = byId
            ? await Lookups.UserByIdAsync(omni.Client, args.Id!, cancellationToken).ConfigureAwait(false)
            : await Lookups.UserByNameAsync(omni.Client, args.UserName!, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            return FunctionResult<GetUserResult>.Of(UserOutputs.From<GetUserResult>(user));
        }

        var arg = byId ? "id" : "userName";
        // A value that came from a secret is never echoed.
        var value = request.Args.IsSecret(arg) ? "(secret)" : $"'{(byId ? args.Id : args.UserName)}'";
        return FunctionResult<GetUserResult>.Fail(arg,
            $"getUser: no user with {arg} {value} exists in this Omni organisation. Check the {arg}, or list users with getUsers.");
    }
}
