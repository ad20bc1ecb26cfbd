using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

internal sealed record GetUsersArgs
{
    [PulumiProperty("filter", Description = "A SCIM filter passed to Omni as is, e.g. userName eq \"alice@example.com\". Omitted: every user.")]
    public string? Filter { get; init; }
}

internal sealed record GetUsersResult
{
    [PulumiProperty("users", Description = "The users that match, across every page, in Omni's order.", Required = true)]
    public IReadOnlyList<UserInfo> Users { get; init; } = [];
}

/// <summary><c>omni:index:getUsers</c>: every page of the SCIM user list, optionally filtered.</summary>
[PulumiFunction("omni:index:getUsers",
    Description = "Lists the users of the Omni organisation, optionally narrowed by a SCIM filter such as userName eq \"alice@example.com\".")]
internal sealed class GetUsersFunction(OmniSession omni) : IProviderFunction<GetUsersArgs, GetUsersResult>
{
    public async Task<FunctionResult<GetUsersResult>> InvokeAsync(FunctionRequest<GetUsersArgs> request, CancellationToken cancellationToken)
    {
        var filter = string.IsNullOrWhiteSpace(request.Args.Value.Filter) ? null : request.Args.Value.Filter;
        var users = new List<UserInfo>();
        try
        {
            // Embed users are listed by getEmbedUsers; should Omni ever list one here, it is left out.
            await foreach (var user in omni.Users.ListAsync(filter, ct: cancellationToken).ConfigureAwait(false))
            {
                if (user.IsEmbedUser)
                {
                    continue;
                }

                users.Add(UserOutputs.From<UserInfo>(user));
            }
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest && filter is not null)
        {
            // Omni's words say what it supports, but they quote the filter: not passed on if it came from a secret.
            var why = request.Args.IsSecret(a => a.Filter) ? "Omni refused the (secret) filter with 400 Bad Request." : $"Omni refused the filter '{filter}': {e.OmniMessage ?? e.Message}";
            return FunctionResult<GetUsersResult>.Fail(request.Args.NameOf(a => a.Filter), $"getUsers: {why} Use the form userName eq \"alice@example.com\".");
        }

        return FunctionResult<GetUsersResult>.Of(new GetUsersResult { Users = users });
    }
}
