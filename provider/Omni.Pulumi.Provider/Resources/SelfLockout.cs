using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources;

/// <summary>
/// An Omni API key follows the user who created it (Omni's docs): deleting or deactivating that user, or taking
/// them out of the admin group, makes every later call with the key fail, and the stack can then be neither
/// updated nor destroyed with it. whoami (asked once per process, when the provider is configured) says who
/// that is; Check (for a User and a GroupMembership, Diff too) refuses such a plan before anything is sent (so the
/// preview shows it), a Group's Update checks again on the members Omni holds before it writes, and Delete
/// refuses before its request, unless the resource sets <c>allowSelfLockout: true</c>.
/// </summary>
internal static class SelfLockout
{
    public const string Description = "Allow this resource to delete or deactivate the user who owns the provider's API key, or to take them out "
        + "of the admin group (the provider's `adminGroup` setting). Without it such a plan is refused before anything is sent, because every "
        + "later call with that key would fail. For a destroy, set it and run `pulumi up` first: a destroy reads it from the stack's state.";

    /// <summary>True when <paramref name="userId"/> (or, without an id, <paramref name="userName"/>) is the key's owner.</summary>
    public static bool IsKeyOwner(OmniSession omni, string? userId, string? userName = null) =>
        omni.KeyOwner is { } owner
        && (userId is { Length: > 0 } && string.Equals(owner.UserId, userId, StringComparison.Ordinal)
            || userId is null && userName is { Length: > 0 } && string.Equals(owner.Email, userName, StringComparison.OrdinalIgnoreCase));

    /// <param name="what">What the plan does, with <c>{owner}</c> where the user goes, e.g. "deletes {owner}" or
    /// "takes {owner} out of the admin group 'Admins'".</param>
    /// <param name="isDestroy">A destroy reads allowSelfLockout from the state, so the way on differs.</param>
    public static ProviderFailureException Refusal(OmniSession omni, string what, bool isDestroy)
    {
        var owner = omni.KeyOwner;
        var who = owner?.Email is { Length: > 0 } email ? $"'{email}'" : "the user";
        var id = owner?.UserId is { Length: > 0 } userId ? $" (id {userId})" : "";
        var way = isDestroy
            ? "If you really mean it, set `allowSelfLockout: true` on this resource and run `pulumi up` (which changes nothing in Omni), then destroy or remove it."
            : "If you really mean it, set `allowSelfLockout: true` on this resource.";
        return new ProviderFailureException(FailureKind.InvalidInput,
            $"Refused: this plan {what.Replace("{owner}", who + id, StringComparison.Ordinal)}, the user who owns the provider's API key (omni:apiKey, as whoami reports). "
            + "Every later call with that key would fail, and this stack could no longer be updated or destroyed with it. Nothing was sent to Omni. "
            + "Make this change with an Organization API key that another admin owns (set omni:apiKey to it), or do it in Omni's UI. " + way);
    }
}
