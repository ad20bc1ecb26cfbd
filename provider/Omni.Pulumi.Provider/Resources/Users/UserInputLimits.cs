using Omni.Client;

namespace Omni.Pulumi.Provider.Resources.Users;

/// <summary>
/// The sizes and characters Omni can store for a user, checked before anything is sent. Omni documents none of
/// them for users, so these are the documented choice (README, "Input limits"), the same the emulator enforces:
/// userName at most 254 characters (the longest email address), displayName at most 255, an attribute value at most
/// 1024 characters and 1000 list items, no control characters in names, no NUL anywhere, and attribute values no
/// deeper than a list of scalars. A failure found here replaces any other on the same property, whose message
/// might quote the (overlong) value.
/// </summary>
internal static class UserInputLimits
{
    public const int MaxUserNameLength = 254;
    public const int MaxDisplayNameLength = 255;
    public const int MaxAttributeValueLength = 1024;
    public const int MaxAttributeValues = 1000;

    public static void Check(Bound<UserArgs> news, List<CheckFailure> failures)
    {
        var args = news.Value;
        if (!news.IsUnknown(a => a.UserName) && args.UserName is { } userName)
        {
            Replace(failures, "userName", NameRules.LengthProblem("userName", userName, MaxUserNameLength, "the longest email address")
                ?? NameRules.ControlCharacterProblem("userName", userName, "an email address holds none, and Omni could never find the user by it."));
        }

        if (!news.IsUnknown(a => a.DisplayName) && args.DisplayName is { } displayName)
        {
            Replace(failures, "displayName", NameRules.LengthProblem("displayName", displayName, MaxDisplayNameLength, "the longest name Omni is sent")
                ?? NameRules.ControlCharacterProblem("displayName", displayName, "Omni could never find the user by this name."));
        }

        foreach (var (key, value) in args.Attributes ?? new Dictionary<string, AttributeValue?>())
        {
            var path = news.PathOf(a => a.Attributes, key);
            Replace(failures, path, NameRules.NulProblem($"attributes key {path}", key) ?? ValueProblem(path, value));
        }
    }

    /// <summary>The binder has made the value a string or a flat list of strings (<see cref="PlainAttributeValue"/>).</summary>
    private static string? ValueProblem(string path, AttributeValue? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!value.IsList)
        {
            return TextProblem(path, value.Single!);
        }

        for (var i = 0; i < value.Many!.Count; i++)
        {
            if (TextProblem($"{path}[{i}]", value.Many[i]) is { } problem)
            {
                return problem;
            }
        }

        return value.Many.Count > MaxAttributeValues ? $"'{path}' holds {value.Many.Count} values; Omni stores at most {MaxAttributeValues} (the documented limit). Remove some." : null;
    }

    private static string? TextProblem(string path, string text) =>
        NameRules.LengthProblem(path, text, MaxAttributeValueLength, "the documented limit for an attribute value")
        ?? NameRules.NulProblem(path, text);

    private static void Replace(List<CheckFailure> failures, string property, string? reason)
    {
        if (reason is null)
        {
            return;
        }

        failures.RemoveAll(f => f.Property == property);
        failures.Add(new CheckFailure(property, reason));
    }
}
