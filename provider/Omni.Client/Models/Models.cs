namespace Omni.Client;

/// <summary>A model from GET /api/v1/models. Kind, connection and base model never change; only the name does.</summary>
public sealed record OmniModel
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? ModelKind { get; init; }
    public string? ConnectionId { get; init; }
    public string? BaseModelId { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Active branches, when asked for (<see cref="ModelQuery.IncludeActiveBranches"/>); empty otherwise.</summary>
    public IReadOnlyList<ModelBranch> Branches { get; init; } = [];

    public bool IsDeleted => DeletedAt is not null;
}

public sealed record ModelBranch(string Id, string Name);

/// <summary>The filters of GET /api/v1/models. Kinds: SCHEMA, SHARED, SHARED_EXTENSION, BRANCH, WORKBOOK, QUERY (and TOPIC, FIELD_PICKER_TOPIC).</summary>
public sealed record ModelQuery
{
    public string? Name { get; init; }
    public string? ModelKind { get; init; }
    public string? ConnectionId { get; init; }
    public string? BaseModelId { get; init; }
    public string? ModelId { get; init; }
    public bool IncludeDeleted { get; init; }
    public bool IncludeActiveBranches { get; init; }
}

/// <summary>The body of POST /api/v1/models. A SHARED model needs a connection and a name; extensions and branches a base model.</summary>
public sealed record ModelCreate(string ConnectionId, string ModelName, string ModelKind = "SHARED")
{
    public string? BaseModelId { get; init; }
}

/// <summary>
/// The git link of a model, for POST (all that matters) and PATCH (null = unchanged) of /api/v1/models/{id}/git.
/// <see cref="Token"/>, <see cref="WebhookSecret"/>, <see cref="DeployPrivateKey"/> and <see cref="DeployKeyPassphrase"/>
/// are secrets: sent in the body only, masked by <see cref="ToString"/>.
/// </summary>
public sealed record ModelGitSettings
{
    public string? CloneUrl { get; init; }
    public string? AuthMethod { get; init; }
    public string? BaseBranch { get; init; }
    public bool? BranchPerPullRequest { get; init; }
    public bool? GitFollower { get; init; }
    public string? GitServiceProvider { get; init; }
    public string? ModelPath { get; init; }
    public string? RequirePullRequest { get; init; }
    public string? WebUrl { get; init; }
    public string? Token { get; init; }
    public string? WebhookSecret { get; init; }
    public string? DeployPrivateKey { get; init; }
    public string? DeployKeyPassphrase { get; init; }

    public override string ToString() =>
        $"ModelGitSettings {{ CloneUrl = {CloneUrl}, AuthMethod = {AuthMethod}, BaseBranch = {BaseBranch}, ModelPath = {ModelPath}, " +
        $"Token = {ConnectionCreate.Mask(Token)}, WebhookSecret = {ConnectionCreate.Mask(WebhookSecret)}, " +
        $"DeployPrivateKey = {ConnectionCreate.Mask(DeployPrivateKey)}, DeployKeyPassphrase = {ConnectionCreate.Mask(DeployKeyPassphrase)} }}";
}

/// <summary>A model's git link as Omni reads it back; <see cref="WebhookSecret"/> only when asked for.</summary>
public sealed record ModelGit
{
    public string AuthMethod { get; init; } = "ssh";
    public string BaseBranch { get; init; } = "main";
    public bool BranchPerPullRequest { get; init; }
    public string CloneUrl { get; init; } = "";
    public bool GitFollower { get; init; }
    public string? GitServiceProvider { get; init; }
    public string? ModelPath { get; init; }
    public string? PublicKey { get; init; }
    public string? RequirePullRequest { get; init; }
    public string? WebUrl { get; init; }
    public string? WebhookUrl { get; init; }
    public string? WebhookSecret { get; init; }

    public override string ToString() =>
        $"ModelGit {{ CloneUrl = {CloneUrl}, AuthMethod = {AuthMethod}, BaseBranch = {BaseBranch}, ModelPath = {ModelPath}, " +
        $"WebhookSecret = {ConnectionCreate.Mask(WebhookSecret)} }}";
}
