using Omni.Emulator.Attributes;
using Omni.Emulator.Documents;
using Omni.Emulator.Folders;
using Omni.Emulator.Labels;
using Omni.Emulator.Permissions;
using Omni.Emulator.Storage;

namespace Omni.Emulator;

/// <summary>The v1 content families (attribute definition writes, folders, permissions, labels): one line each in EmulatorServer.</summary>
internal static class ContentRegistration
{
    public static IServiceCollection AddContentServices(this IServiceCollection services) => services
        .AddSingleton<AttributeDefinitionStore>()
        .AddSingleton<FolderStore>()
        .AddSingleton<DocumentStore>()
        .AddSingleton<PermitStore>()
        .AddSingleton<LabelStore>()
        .AddSingleton<ContentSeed>();

    public static void MapContentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAttributeDefinitionEndpoints();
        app.MapFolderEndpoints();
        app.MapPermissionEndpoints();
        app.MapLabelEndpoints();
        app.MapDocumentAdminEndpoints();
    }
}
