using Omni.Emulator.Attributes;
using Omni.Emulator.Auth;
using Omni.Emulator.Json;

namespace Omni.Emulator.V1;

/// <summary>The non-SCIM endpoints a provisioning tool needs: attribute definitions and the key's identity.</summary>
internal static class V1Endpoints
{
    /// <summary>The organization key owner's id; with <c>--key-owner</c> it is a real SCIM user's.</summary>
    internal const string OrganizationKeyOwnerId = "00000000-0000-4000-8000-00000000a001";

    // Keys "inherit the user who created them"; the emulator invents one fixed user per key kind, unless
    // --key-owner names the organization key's owner, who is then a SCIM user (seeded in the admin group).
    internal static readonly WhoAmIResponse OrganizationKeyOwner = new(
        OrganizationKeyOwnerId, "Emulator Admin", "admin@omni-emulator.local", "organization", "ORG_ADMIN");

    internal static readonly WhoAmIResponse PersonalTokenOwner = new(
        "00000000-0000-4000-8000-00000000a002", "Emulator Member", "member@omni-emulator.local", "user", "MEMBER");

    public static void MapV1Endpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/user-attributes", (AttributeDefinitions definitions) =>
            Results.Json(new UserAttributeList(definitions.Records), EmulatorJson.Context.UserAttributeList));

        if (app.ServiceProvider.GetRequiredService<EmulatorOptions>().KeyOwner is null)
        {
            app.MapGet("/api/v1/whoami", (HttpContext context) =>
                Results.Json(context.Features.Get<Caller>() is { IsPersonalToken: true } ? PersonalTokenOwner : OrganizationKeyOwner,
                    EmulatorJson.Context.WhoAmIResponse));
            return;
        }

        app.MapGet("/api/v1/whoami", async (HttpContext context, EmulatorOptions options, Storage.UserStore users) =>
        {
            if (context.Features.Get<Caller>() is { IsPersonalToken: true })
            {
                return Results.Json(PersonalTokenOwner, EmulatorJson.Context.WhoAmIResponse);
            }

            // The owner as the SCIM user is now (a rename shows); the key itself is refused once the
            // owner is gone (ApiKeyMiddleware), so this answers only while the owner exists.
            var owner = await users.FindAsync(OrganizationKeyOwnerId, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(OrganizationKeyOwner with { Name = owner?.DisplayName ?? OrganizationKeyOwner.Name, Email = owner?.UserName ?? options.KeyOwner! },
                EmulatorJson.Context.WhoAmIResponse);
        });
    }
}
