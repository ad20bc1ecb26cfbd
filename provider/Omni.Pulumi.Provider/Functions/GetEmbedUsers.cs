using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

internal sealed record GetEmbedUsersArgs
{
    [PulumiProperty("userName", Description = "Only the embed user with this (synthetic) userName, matched case-insensitively. Omitted: every embed user.")]
    public string? UserName { get; init; }

    [PulumiProperty("embedEmail", Description = "Only embed users whose embedEmail (the address the embedding application gave) is this, in any letter case.")]
    public string? EmbedEmail { get; init; }

    [PulumiProperty("embedEntity", Description = "Only embed users of this embed entity (exact).")]
    public string? EmbedEntity { get; init; }

    [PulumiProperty("embedExternalId", Description = "Only the embed users with this external id (exact): the id the embedding application gave them.")]
    public string? EmbedExternalId { get; init; }
}

internal sealed record GetEmbedUsersResult
{
    [PulumiProperty("users", Description = "The embed users that match, across every page, in Omni's order.", Required = true)]
    public IReadOnlyList<EmbedUserInfo> Users { get; init; } = [];
}

[PulumiType("omni:index:EmbedUserInfo", Description = "An embed user as Omni lists it: made by an embed SSO session, read-only.")]
internal sealed record EmbedUserInfo
{
    [PulumiProperty("id", Description = "The embed user's id in Omni.", Required = true)]
    public string Id { get; init; } = "";

    [PulumiProperty("userName", Description = "The synthetic userName Omni gave the embed user.", Required = true)]
    public string UserName { get; init; } = "";

    [PulumiProperty("displayName", Description = "The name shown in Omni.", Required = true)]
    public string DisplayName { get; init; } = "";

    [PulumiProperty("embedEmail", Description = "The email the embedding application gave, if any.")]
    public string? EmbedEmail { get; init; }

    [PulumiProperty("embedEntity", Description = "The embed entity (e.g. the customer) the user belongs to, if any.")]
    public string? EmbedEntity { get; init; }

    [PulumiProperty("embedExternalId", Description = "The id the embedding application gave the user.")]
    public string? EmbedExternalId { get; init; }

    [PulumiProperty("created", Description = "When Omni created the embed user (ISO 8601).")]
    public string? Created { get; init; }

    [PulumiProperty("lastModified", Description = "When Omni last modified the embed user (ISO 8601).")]
    public string? LastModified { get; init; }

    [PulumiProperty("lastLogin", Description = "When the embed user last signed in (ISO 8601), if ever.")]
    public string? LastLogin { get; init; }

    public static EmbedUserInfo From(ScimEmbedUser user) => new()
    {
        Id = user.Id,
        UserName = user.UserName,
        DisplayName = user.DisplayName,
        EmbedEmail = user.EmbedEmail,
        EmbedEntity = user.EmbedEntity,
        EmbedExternalId = user.EmbedExternalId,
        Created = OmniTimestamps.Format(user.Meta?.Created),
        LastModified = OmniTimestamps.Format(user.Meta?.LastModified),
        LastLogin = OmniTimestamps.Format(user.LastLogin),
    };
}

/// <summary>
/// <c>omni:index:getEmbedUsers</c>: every page of /scim/v2/embed/users (with Omni's only documented filter,
/// <c>userName eq</c>, when userName is given); the embed fields are matched here, as Omni documents no filter on them.
/// </summary>
[PulumiFunction("omni:index:getEmbedUsers",
    Description = "Lists the embed users of the Omni organisation (made by embed SSO sessions; read-only, never managed as omni:index:User), "
    + "optionally narrowed by userName, embedEmail, embedEntity or embedExternalId.")]
internal sealed class GetEmbedUsersFunction(OmniSession omni) : IProviderFunction<GetEmbedUsersArgs, GetEmbedUsersResult>
{
    public async Task<FunctionResult<GetEmbedUsersResult>> InvokeAsync(FunctionRequest<GetEmbedUsersArgs> request, CancellationToken cancellationToken)
    {
        var args = request.Args.Value;
        var userName = string.IsNullOrWhiteSpace(args.UserName) ? null : args.UserName.Trim();
        var users = new List<EmbedUserInfo>();
        try
        {
            await foreach (var user in omni.Client.EmbedUsers.ListAsync(userName is null ? null : ScimFilterText(userName), ct: cancellationToken)
                .ConfigureAwait(false))
            {
                if (Matches(user, userName, args))
                {
                    users.Add(EmbedUserInfo.From(user));
                }
            }
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return FunctionResult<GetEmbedUsersResult>.Fail(request.Args.NameOf(a => a.UserName),
                $"getEmbedUsers: this Omni instance does not serve embed users ({e.Message}). Embed users exist only where Omni embedding is enabled.");
        }

        return FunctionResult<GetEmbedUsersResult>.Of(new GetEmbedUsersResult { Users = users });
    }

    private static string ScimFilterText(string userName) => $"userName eq \"{userName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    private static bool Matches(ScimEmbedUser user, string? userName, GetEmbedUsersArgs args) =>
        (userName is null || string.Equals(user.UserName, userName, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrWhiteSpace(args.EmbedEmail) || string.Equals(user.EmbedEmail, args.EmbedEmail.Trim(), StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(args.EmbedEntity) || string.Equals(user.EmbedEntity, args.EmbedEntity, StringComparison.Ordinal))
        && (string.IsNullOrEmpty(args.EmbedExternalId) || string.Equals(user.EmbedExternalId, args.EmbedExternalId, StringComparison.Ordinal));
}
