using Omni.Emulator.Attributes;
using Omni.Emulator.Auth;
using Omni.Emulator.Json;

namespace Omni.Emulator.V1;

/// <summary>The non-SCIM endpoints a provisioning tool needs: attribute definitions and the key's identity.</summary>
internal static class V1Endpoints
{
    // Keys "inherit the user who created them"; the emulator invents one fixed user per key kind.
    internal static readonly WhoAmIResponse OrganizationKeyOwner = new(
        "00000000-0000-4000-8000-00000000a001", "Emulator Admin", "admin@omni-emulator.local", "organization", "ORG_ADMIN");

    internal static readonly WhoAmIResponse PersonalTokenOwner = new(
        "00000000-0000-4000-8000-00000000a002", "Emulator Member", "member@omni-emulator.local", "user", "MEMBER");

    public static void MapV1Endpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/user-attributes", (AttributeDefinitions definitions) =>
            Results.Json(new UserAttributeList(definitions.Records), EmulatorJson.Context.UserAttributeList));

        app.MapGet("/api/v1/whoami", (HttpContext context) =>
            Results.Json(context.Features.Get<Caller>() is { IsPersonalToken: true } ? PersonalTokenOwner : OrganizationKeyOwner,
                EmulatorJson.Context.WhoAmIResponse));
    }
}
