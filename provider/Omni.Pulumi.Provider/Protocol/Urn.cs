namespace Omni.Pulumi.Provider.Protocol;

/// <summary>Parts of a Pulumi URN: <c>urn:pulumi:stack::project::[parent$]type::name</c>. Older
/// engines send only the URN where newer ones also send <c>type</c> and <c>name</c>.</summary>
internal static class Urn
{
    /// <summary>The resource type token, without its parent types; the URN itself when it is not one.</summary>
    public static string TypeOf(string urn)
    {
        var parts = urn.Split("::", 4);
        if (parts.Length < 4)
        {
            return urn;
        }

        var qualifiedType = parts[2];
        return qualifiedType[(qualifiedType.LastIndexOf('$') + 1)..];
    }

    /// <summary>The resource's name (everything after the type, which may itself contain "::"); empty when it is not a URN.</summary>
    public static string NameOf(string urn)
    {
        var parts = urn.Split("::", 4);
        return parts.Length < 4 ? "" : parts[3];
    }
}
