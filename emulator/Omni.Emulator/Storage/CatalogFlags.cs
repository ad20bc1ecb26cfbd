using Omni.Emulator.ModelRoles;

namespace Omni.Emulator.Storage;

/// <summary>
/// The command-line flags of the seeded catalog. <c>--no-seed</c> starts without the default
/// connection and model; <c>--seed-connection</c> and <c>--seed-shared-model</c> add to what is seeded;
/// <c>--custom-role NAME=BASE</c> replaces the default custom roles with the ones given.
/// </summary>
internal sealed class CatalogFlags
{
    private readonly List<SeedConnection> connections = [];
    private readonly List<SeedSharedModel> models = [];
    private readonly Dictionary<string, string> customRoles = new(StringComparer.OrdinalIgnoreCase);
    private bool noDefaults;

    public void Read(string flag, string? value)
    {
        switch (flag)
        {
            case "--no-seed":
                noDefaults = true;
                break;
            case "--seed-connection":
                var (name, dialect) = Split(value!, '=');
                connections.Add(new SeedConnection(name, dialect ?? "postgres"));
                break;
            case "--seed-shared-model":
                var (model, connection) = Split(value!, '@');
                models.Add(new SeedSharedModel(model, connection));
                break;
            default:
                var (role, baseRole) = Split(value!, '=');
                RoleCatalog.ValidateCustomRole(role, baseRole ?? "");
                customRoles[role] = baseRole!.ToUpperInvariant();
                break;
        }
    }

    public EmulatorOptions ApplyTo(EmulatorOptions options)
    {
        var result = options with
        {
            SeedConnections = [.. noDefaults ? [] : options.SeedConnections, .. connections],
            SeedSharedModels = [.. noDefaults ? [] : options.SeedSharedModels, .. models],
            CustomModelRoles = customRoles.Count > 0 ? customRoles : options.CustomModelRoles,
        };
        CatalogSeed.Validate(result);
        return result;
    }

    private static (string Left, string? Right) Split(string value, char separator)
    {
        var at = value.LastIndexOf(separator);
        return at < 0 ? (value.Trim(), null) : (value[..at].Trim(), value[(at + 1)..].Trim());
    }
}
