using Omni.Emulator.Http;
using Omni.Emulator.Storage;

namespace Omni.Emulator.ModelRoles;

/// <summary>
/// Reads a model-role POST body into the model it applies to and the role. With modelId the connection
/// is inferred (a different connectionId is 400); with connectionId alone the role is connection-level,
/// which Omni allows only for CONNECTION_ADMIN-based roles, and sits on the connection's SCHEMA model.
/// </summary>
internal sealed class RoleTargets(ConnectionStore connections, ModelStore models)
{
    public async Task<(RoleTarget Target, ModelRole Role)> ParseAsync(HttpRequest request, RoleCatalog catalog,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        BodyFields.RejectUnknown(body, ["roleName", "connectionId", "modelId"], "A model role takes roleName and connectionId and/or modelId.");
        var role = catalog.Resolve(BodyFields.RequiredString(body, "roleName"));
        var connectionId = RequestBody.OptionalString(body, "connectionId");
        var modelId = RequestBody.OptionalString(body, "modelId");
        if (connectionId is null && modelId is null)
        {
            throw ApiProblem.BadRequest("connectionId or modelId required");
        }

        if (modelId is not null)
        {
            var model = await models.RequireActiveAsync(modelId, cancellationToken).ConfigureAwait(false);
            if (connectionId is not null && !string.Equals(connectionId, model.ConnectionId, StringComparison.OrdinalIgnoreCase))
            {
                throw ApiProblem.BadRequest($"modelId: model {model.Id} belongs to connection {model.ConnectionId}, not {connectionId}");
            }

            var connection = await connections.RequireActiveAsync(model.ConnectionId, cancellationToken).ConfigureAwait(false);
            return (new RoleTarget(connection.Id, model.Id, model.ModelKind, connection.BaseRole), role);
        }

        var owner = await connections.RequireActiveAsync(connectionId!, cancellationToken).ConfigureAwait(false);
        if (role.BaseRole != RoleCatalog.ConnectionAdmin)
        {
            throw ApiProblem.BadRequest(
                $"modelId: Required for role {role.RoleName}; only CONNECTION_ADMIN-based roles can be assigned to a whole connection");
        }

        var schema = await models.SchemaModelOfAsync(owner.Id, cancellationToken).ConfigureAwait(false) ?? throw ConnectionStore.NotFound();
        return (new RoleTarget(owner.Id, schema.Id, schema.ModelKind, owner.BaseRole), role);
    }
}
