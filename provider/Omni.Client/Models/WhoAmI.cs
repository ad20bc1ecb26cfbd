namespace Omni.Client;

/// <summary>Who the API key belongs to; SCIM needs <see cref="IsOrganizationKey"/>.</summary>
public sealed record WhoAmI(string? UserId, string? Name, string? Email, string KeyScope, string? OrgRole)
{
    public bool IsOrganizationKey => string.Equals(KeyScope, "organization", StringComparison.OrdinalIgnoreCase);
}
