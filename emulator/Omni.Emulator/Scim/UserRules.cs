using System.Text.RegularExpressions;
using Omni.Emulator.Http;

namespace Omni.Emulator.Scim;

internal static partial class UserRules
{
    /// <summary>Omni's userName is the user's email address.</summary>
    public static string Email(string? value, string field = "userName")
    {
        if (string.IsNullOrEmpty(value))
        {
            throw ApiProblem.BadRequest($"{field}: Required (the user's email address)");
        }

        InputLimits.Length(value, field, InputLimits.MaxUserNameLength);
        ControlCharacters.Refuse(value, field);
        return EmailShape().IsMatch(value)
            ? value
            : throw ApiProblem.BadRequest($"{field}: Invalid email, received '{value}'; expected an address such as jane@example.com");
    }

    /// <summary>A user's displayName: non-empty, without control characters.</summary>
    public static string DisplayName(string? value, string field = "displayName") => value is { Length: > 0 }
        ? ControlCharacters.Refuse(InputLimits.Length(value, field, InputLimits.MaxDisplayNameLength), field)
        : throw ApiProblem.BadRequest($"{field}: Required (a non-empty string)");

    [GeneratedRegex(@"^[^@\s""(),:;<>\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$",
        RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
