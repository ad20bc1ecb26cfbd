namespace Omni.Client.Json;

internal static class OmniSchemas
{
    public const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string CoreGroup = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string UserAttributes = "urn:omni:params:1.0:UserAttribute";
    public const string UserExtension = "urn:omni:params:scim:schemas:extension:user:2.0";
}
