using Omni.Emulator.Http;

namespace Omni.Emulator.ModelRoles;

/// <summary>A role as assigned: its name, the base tier it belongs to, and that tier's priority (higher = more permissive).</summary>
public sealed record ModelRole(string RoleName, string BaseRole, int Priority);

/// <summary>
/// Omni's model-role tiers and the organisation's custom roles. Priorities follow Omni's documented
/// example (VIEWER 50, QUERIER 250, MODELER 350) and the observed base role at 150 outranking NO_ACCESS
/// at 0; RESTRICTED_QUERIER (the connection spelling) and QUERY_TOPICS (the model-role spelling) are one tier.
/// </summary>
public sealed class RoleCatalog
{
    public const string ConnectionAdmin = "CONNECTION_ADMIN";

    private static readonly Dictionary<string, int> BasePriorities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NO_ACCESS"] = 0,
        ["VIEWER"] = 50,
        ["QUERY_TOPICS"] = 150,
        ["RESTRICTED_QUERIER"] = 150,
        ["QUERIER"] = 250,
        ["MODELER"] = 350,
        [ConnectionAdmin] = 450,
    };

    /// <summary>The values a connection's <c>baseRole</c> takes (Omni's enum, which spells the 150 tier RESTRICTED_QUERIER).</summary>
    public static readonly IReadOnlyList<string> ConnectionBaseRoles =
        ["NO_ACCESS", "VIEWER", "RESTRICTED_QUERIER", "QUERIER", "MODELER", ConnectionAdmin];

    private readonly Dictionary<string, ModelRole> customRoles;

    public RoleCatalog(IReadOnlyDictionary<string, string> customRoles)
    {
        ArgumentNullException.ThrowIfNull(customRoles);
        this.customRoles = new Dictionary<string, ModelRole>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, baseRole) in customRoles)
        {
            ValidateCustomRole(name, baseRole);
            var tier = Base(baseRole)!;
            this.customRoles[name] = new ModelRole(name, tier.RoleName, tier.Priority);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the flag when a custom role cannot be defined.</summary>
    public static void ValidateCustomRole(string name, string baseRole)
    {
        if (string.IsNullOrWhiteSpace(name) || BasePriorities.ContainsKey(name))
        {
            throw new ArgumentException($"--custom-role: '{name}' is not a usable custom role name (empty, or the name of a base role).");
        }

        if (!BasePriorities.ContainsKey(baseRole))
        {
            throw new ArgumentException(
                $"--custom-role {name}={baseRole}: the base role must be one of {string.Join(", ", BasePriorities.Keys)}.");
        }
    }

    /// <summary>A base role by name, in any letter case, upper-cased; null when it is not one.</summary>
    public static ModelRole? Base(string? name) =>
        name is not null && BasePriorities.TryGetValue(name, out var priority)
            ? new ModelRole(name.ToUpperInvariant(), name.ToUpperInvariant(), priority)
            : null;

    /// <summary>A base or custom role; 400 naming the accepted names otherwise.</summary>
    public ModelRole Resolve(string roleName) =>
        Base(roleName)
        ?? customRoles.GetValueOrDefault(roleName)
        ?? throw ApiProblem.BadRequest(
            $"roleName: unknown role '{roleName}'; use one of {string.Join(", ", BasePriorities.Keys)}" +
            (customRoles.Count == 0 ? "" : $" or a custom role ({string.Join(", ", customRoles.Keys)})"));

    /// <summary>The role a stored name stands for; a custom role removed since is read as NO_ACCESS rather than failing reads.</summary>
    public ModelRole Describe(string roleName) =>
        Base(roleName) ?? customRoles.GetValueOrDefault(roleName) ?? new ModelRole(roleName, "NO_ACCESS", 0);
}
