using System.Text.Json.Nodes;

namespace Omni.Client;

/// <summary>A label; its name is its id (unique in any letter case), so a rename changes the id.</summary>
public sealed record Label(string Name, string? Color, string? Description, bool Homepage, bool Verified, int UsageCount);

/// <summary>A label to create. Verified and homepage labels need an Org Admin.</summary>
public sealed record LabelSpec(string Name, string? Color = null, string? Description = null, bool Homepage = false, bool Verified = false);

/// <summary>Changes to a label (PUT /api/v1/labels/{name}): only what is set is sent.</summary>
public sealed class LabelUpdate
{
    private readonly JsonObject _body = [];

    public bool IsEmpty => _body.Count == 0;

    public LabelUpdate SetName(string name)
    {
        LabelRules.RequireName(name);
        _body["name"] = name;
        return this;
    }

    /// <param name="color">A hex color such as #0366d6; null clears it.</param>
    public LabelUpdate SetColor(string? color)
    {
        LabelRules.RequireColor(color);
        _body["color"] = color;
        return this;
    }

    /// <param name="description">The new text; null clears it.</param>
    public LabelUpdate SetDescription(string? description)
    {
        LabelRules.RequireDescription(description);
        _body["description"] = description;
        return this;
    }

    public LabelUpdate SetHomepage(bool homepage)
    {
        _body["homepage"] = homepage;
        return this;
    }

    public LabelUpdate SetVerified(bool verified)
    {
        _body["verified"] = verified;
        return this;
    }

    internal JsonObject ToBody() => (JsonObject)_body.DeepClone();
}

/// <summary>Omni's limits on labels, checked before a call.</summary>
internal static class LabelRules
{
    public static void RequireName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is < 2 or > 25)
        {
            throw new ArgumentException($"Label name '{name}' must be 2 to 25 characters long.", nameof(name));
        }
    }

    public static void RequireColor(string? color)
    {
        if (color is { Length: > 9 })
        {
            throw new ArgumentException($"Label color '{color}' is longer than 9 characters; use a hex color such as #0366d6.", nameof(color));
        }
    }

    public static void RequireDescription(string? description)
    {
        if (description is { Length: > 500 })
        {
            throw new ArgumentException("Label description must be at most 500 characters.", nameof(description));
        }
    }

    public static JsonObject ToBody(LabelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequireName(spec.Name);
        RequireColor(spec.Color);
        RequireDescription(spec.Description);
        return new JsonObject
        {
            ["name"] = spec.Name,
            ["color"] = spec.Color,
            ["description"] = spec.Description,
            ["homepage"] = spec.Homepage,
            ["verified"] = spec.Verified,
        };
    }
}
