using Omni.Emulator.ModelRoles;

namespace Omni.Emulator.Storage;

internal static class CatalogServices
{
    /// <summary>The stores and rules behind connections, models and model roles.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, EmulatorOptions options)
    {
        services.AddSingleton<ConnectionStore>();
        services.AddSingleton<ConnectionEnvironmentStore>();
        services.AddSingleton<ConnectionScheduleStore>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<ModelRoleStore>();
        services.AddSingleton<RoleTargets>();
        services.AddSingleton(new RoleCatalog(options.CustomModelRoles));
        return services;
    }
}
