using Omni.Pulumi.Provider.Protocol;

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

        foreach (var (key, value) in args.Attributes ?? new Dictionary<string, object?>())
        {
            var path = PropertyPath.Child("attributes", key);
            Replace(failures, path, NameRules.NulProblem($"attributes key {path}", key) ?? ValueProblem(path, value));
        }
    }

    /// <summary>Walks the value without recursion: the engine may send one nested thousands of levels deep.</summary>
    private static string? ValueProblem(string path, object? value)
    {
        switch (value)
        {
            case string text:
                return TextProblem(path, text);
            case IReadOnlyDictionary<string, object?>:
                return $"'{path}' is an object; Omni stores an attribute as a string, number or boolean, or a list of those.";
            case System.Collections.IEnumerable list:
                var count = 0;
                foreach (var item in list)
                {
                    if (item is System.Collections.IEnumerable and not string)
                    {
                        return $"'{path}' nests a list or object inside a list; Omni stores an attribute as a string, number or boolean, or a flat list of those.";
                    }

                    if (item is string text && TextProblem($"{path}[{count}]", text) is { } problem)
                    {
                        return problem;
                    }

                    count++;
                }

                return count > MaxAttributeValues ? $"'{path}' holds {count} values; Omni stores at most {MaxAttributeValues} (the documented limit). Remove some." : null;
            default:
                return null;
        }
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
