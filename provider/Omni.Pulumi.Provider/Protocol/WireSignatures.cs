namespace Omni.Pulumi.Provider.Protocol;

/// <summary>The magic strings of Pulumi's property encoding (sdk/go/common/resource/sig).</summary>
internal static class WireSignatures
{
    public const string Key = "4dabf18193072939515e22adb298388d";
    public const string Secret = "1b47061264138c4ac30d75fd1eb44270";
    public const string ResourceReference = "5cf8f73096256a8f31e491e813e4eb8e";
    public const string Output = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

    private static readonly (UnknownKind Kind, string Sentinel)[] Unknowns =
    [
        (UnknownKind.Any, "04da6b54-80e4-46f7-96ec-b56ff0331ba9"),
        (UnknownKind.Bool, "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7"),
        (UnknownKind.Number, "3eeb2bf0-c639-47a8-9e75-3b44932eb421"),
        (UnknownKind.Array, "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2"),
        (UnknownKind.Asset, "030794c1-ac77-496b-92df-f27374a8bd58"),
        (UnknownKind.Archive, "e48ece36-62e2-4504-bad9-02848725956a"),
        (UnknownKind.Object, "dd056dcd-154b-4c76-9bd3-c8f88648b5ff"),
    ];

    public static string SentinelOf(UnknownKind kind) => Unknowns.First(u => u.Kind == kind).Sentinel;

    public static bool TryParseUnknown(string text, out UnknownKind kind)
    {
        foreach (var (k, sentinel) in Unknowns)
        {
            if (string.Equals(text, sentinel, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = UnknownKind.Any;
        return false;
    }
}
