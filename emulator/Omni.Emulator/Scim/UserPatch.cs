using System.Text.Json.Nodes;
using Omni.Emulator.Attributes;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Scim;

/// <summary>
/// A validated SCIM PatchOp request for a user. Ops and core paths are case-insensitive; attributes
/// are reached by the attribute object path or by <c>urn:omni:params:1.0:UserAttribute.key</c> / <c>:key</c>.
/// </summary>
internal sealed class UserPatch
{
    private const string Supported =
        "displayName, active, userName, urn:omni:params:1.0:UserAttribute, urn:omni:params:1.0:UserAttribute.<key>";

    private readonly IReadOnlyList<PatchOperation> operations;
    private readonly AttributeValues attributeValues;

    private UserPatch(IReadOnlyList<PatchOperation> operations, AttributeValues attributeValues)
    {
        this.operations = operations;
        this.attributeValues = attributeValues;
    }

    public static UserPatch Parse(JsonObject body, AttributeValues attributeValues) =>
        new(PatchOperation.ParseAll(body), attributeValues);

    /// <summary>Applies every operation in order; any refusal throws and nothing is written.</summary>
    public StoredUser ApplyTo(StoredUser user)
    {
        foreach (var operation in operations)
        {
            user = Apply(user, operation);
        }

        return user;
    }

    private StoredUser Apply(StoredUser user, PatchOperation operation)
    {
        var path = operation.Path;
        if (path is null)
        {
            return operation.Kind == PatchKind.Remove
                ? throw PatchOperation.Invalid(operation.Index, "remove needs a path")
                : ApplyObject(user, operation);
        }

        if (path.StartsWith(ScimSchemas.UserAttribute, StringComparison.OrdinalIgnoreCase))
        {
            return ApplyAttributePath(user, operation, path[ScimSchemas.UserAttribute.Length..]);
        }

        if (operation.Kind == PatchKind.Remove)
        {
            throw PatchOperation.Invalid(operation.Index, $"path '{path}' cannot be removed; replace it instead");
        }

        return SetCore(user, path, operation.Value, operation.Index)
            ?? throw PatchOperation.Invalid(operation.Index, $"unsupported path '{path}' (supported: {Supported})");
    }

    private StoredUser ApplyObject(StoredUser user, PatchOperation operation)
    {
        if (operation.Value is not JsonObject value)
        {
            throw PatchOperation.Invalid(operation.Index,
                $"a {operation.Op} without a path needs an object value, received {RequestBody.Describe(operation.Value)}");
        }

        foreach (var (key, field) in value)
        {
            if (key.Equals(ScimSchemas.UserAttribute, StringComparison.OrdinalIgnoreCase))
            {
                // Omni merges these over the existing attributes (the official CLI's set-attributes relies on it).
                user = user with { Attributes = attributeValues.Merge(user.Attributes, AttributeObject(field, operation.Index)) };
            }
            else if (key is not ("schemas" or ScimSchemas.EnterpriseUser))
            {
                user = SetCore(user, key, field, operation.Index)
                    ?? throw PatchOperation.Invalid(operation.Index, $"unsupported attribute '{key}' in value (supported: {Supported})");
            }
        }

        return user;
    }

    private StoredUser ApplyAttributePath(StoredUser user, PatchOperation operation, string rest)
    {
        if (rest.Length == 0)
        {
            return operation.Kind == PatchKind.Remove
                ? user with { Attributes = [] }
                : user with { Attributes = attributeValues.Merge(user.Attributes, AttributeObject(operation.Value, operation.Index)) };
        }

        if (rest[0] is not ('.' or ':') || rest.Length == 1)
        {
            throw PatchOperation.Invalid(operation.Index,
                $"unsupported path '{operation.Path}' (supported: {Supported})");
        }

        var attributes = user.Attributes.DeepClone().AsObject();
        attributeValues.Set(attributes, rest[1..], operation.Kind == PatchKind.Remove ? null : operation.Value);
        return user with { Attributes = attributes };
    }

    /// <summary>Sets displayName, active or userName; null when <paramref name="name"/> is none of them.</summary>
    private static StoredUser? SetCore(StoredUser user, string name, JsonNode? value, int index)
    {
        var field = $"Operations[{index}].value";
        if (name.Equals("displayName", StringComparison.OrdinalIgnoreCase))
        {
            return value?.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>().Length > 0
                ? user with { DisplayName = UserRules.DisplayName(value.GetValue<string>(), $"{field} (displayName)") }
                : throw ApiProblem.BadRequest($"{field}: displayName must be a non-empty string, received {RequestBody.Describe(value)}");
        }

        if (name.Equals("active", StringComparison.OrdinalIgnoreCase))
        {
            return user with { Active = RequestBody.Boolean(value, $"{field} (active)") };
        }

        if (name.Equals("userName", StringComparison.OrdinalIgnoreCase))
        {
            var text = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
            return user with { UserName = UserRules.Email(text, $"{field} (userName)") };
        }

        return null;
    }

    private static JsonObject AttributeObject(JsonNode? value, int index) =>
        value as JsonObject ?? throw ApiProblem.BadRequest(
            $"Operations[{index}].value: {ScimSchemas.UserAttribute} must be an object, received {RequestBody.Describe(value)}");
}
