using System.Collections;
using Omni.Client;

namespace Omni.Pulumi.Provider.Resources.Users;

/// <summary>
/// The binder's converter for user-attribute values (<c>ValueConverter</c> of <see cref="UserArgs.Attributes"/>):
/// the program's plain value (string, number, bool, or a flat list of them) becomes Omni's <see cref="AttributeValue"/>
/// once, as it is bound, so the resource compares and sends typed values only. Messages complete "'attributes.x' ..."
/// and never quote the value (it may be a secret).
/// </summary>
internal static class PlainAttributeValue
{
    public static AttributeValue? FromPlain(object? plain)
    {
        switch (plain)
        {
            case IDictionary:
                throw new ArgumentException("is an object; Omni stores an attribute as a string, number or boolean, or a list of those.");
            case IEnumerable list and not string when list.Cast<object?>().Any(item => item is IEnumerable and not string):
                throw new ArgumentException("nests a list or object inside a list; Omni stores an attribute as a string, number or boolean, or a flat list of those.");
        }

        try
        {
            return AttributeValue.Normalize(plain);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("must be a string, a finite number or a boolean, or a flat list of those: Omni stores attribute values as strings or lists of strings.");
        }
    }

    /// <summary>As Omni stores it, for the wire: a string, a list of strings, or a boolean as given (so it is sent as one).</summary>
    public static object? ToPlain(AttributeValue value) => value switch
    {
        { IsBoolean: true } => value.Single == "true",
        { IsList: true } => value.Many,
        _ => value.Single,
    };
}
