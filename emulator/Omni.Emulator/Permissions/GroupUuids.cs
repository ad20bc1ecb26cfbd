using System.Security.Cryptography;
using System.Text;

namespace Omni.Emulator.Permissions;

/// <summary>
/// Omni shows a group in permits by a full UUID that is not linked to its 8-character SCIM id (the miniUuid).
/// The emulator derives that UUID from the miniUuid, so it is stable across restarts and needs no table.
/// </summary>
public static class GroupUuids
{
    public static string For(string miniUuid)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("omni-emulator-group/" + miniUuid));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // version 4 layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
