using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Omni.Emulator.Http;

namespace Omni.Emulator.Models;

/// <summary>
/// A model's git link, per ModelsGitCreateBody / ModelsGitUpdateBody. The HTTPS <c>token</c> and a
/// supplied deploy key (<c>deployPrivateKey</c>, <c>deployKeyPassphrase</c>) are write-only: only the
/// fact that they were given is kept. The webhook secret is Omni's to generate (or the caller's to set)
/// and is returned only on request (<c>?include=webhookSecret</c>).
/// </summary>
internal static partial class ModelGitRules
{
    private static readonly string[] AuthMethods = ["ssh", "https_token"];
    private static readonly string[] Providers = ["github", "gitlab", "azure_devops", "bitbucket", "bitbucket_datacenter", "auto"];
    private static readonly string[] PullRequestModes = ["always", "users-only", "never"];
    private static readonly string[] WriteOnly = ["token", "deployPrivateKey", "deployKeyPassphrase"];

    private static readonly string[] Fields =
    [
        "cloneUrl", "sshUrl", "authMethod", "baseBranch", "branchPerPullRequest", "gitFollower", "gitServiceProvider", "modelPath",
        "requirePullRequest", "webUrl", "webhookSecret", .. WriteOnly,
    ];

    /// <summary>The stored link after applying <paramref name="body"/> to <paramref name="current"/> (null on create, where defaults apply).</summary>
    public static JsonObject Apply(JsonObject? current, JsonObject body, string modelName)
    {
        BodyFields.RejectUnknown(body, Fields, "See ModelsGitCreateBody in Omni's API reference.");
        var git = current?.DeepClone().AsObject() ?? new JsonObject
        {
            ["authMethod"] = "ssh", ["baseBranch"] = "main", ["branchPerPullRequest"] = false, ["gitFollower"] = false,
            ["gitServiceProvider"] = "auto", ["modelPath"] = $"omni/{modelName}", ["requirePullRequest"] = "never", ["webUrl"] = null,
            ["webhookSecret"] = RandomNumberGenerator.GetHexString(40, lowercase: true),
        };
        var cloneUrl = RequestBody.OptionalString(body, "cloneUrl") ?? RequestBody.OptionalString(body, "sshUrl");
        if (cloneUrl is not null)
        {
            git["cloneUrl"] = cloneUrl.Length > 0 ? cloneUrl : throw ApiProblem.BadRequest("cloneUrl: must not be empty");
        }
        else if (current is null)
        {
            throw ApiProblem.BadRequest("cloneUrl: Required (the repository's SSH or HTTPS clone URL)");
        }

        SetIfGiven(git, "authMethod", BodyFields.OptionalEnum(body, "authMethod", AuthMethods));
        SetIfGiven(git, "gitServiceProvider", BodyFields.OptionalEnum(body, "gitServiceProvider", Providers));
        SetIfGiven(git, "requirePullRequest", BodyFields.OptionalEnum(body, "requirePullRequest", PullRequestModes));
        SetIfGiven(git, "baseBranch", RequestBody.OptionalString(body, "baseBranch") is { } branch
            ? (branch.Length > 0 ? branch : throw ApiProblem.BadRequest("baseBranch: must not be empty"))
            : null);
        SetIfGiven(git, "webUrl", RequestBody.OptionalString(body, "webUrl"));
        SetIfGiven(git, "webhookSecret", RequestBody.OptionalString(body, "webhookSecret") is { } secret
            ? (secret.Length >= 8 ? secret : throw ApiProblem.BadRequest("webhookSecret: must be at least 8 characters"))
            : null);
        if (RequestBody.OptionalString(body, "modelPath") is { } path)
        {
            git["modelPath"] = ModelPath(path);
        }

        foreach (var flag in new[] { "branchPerPullRequest", "gitFollower" })
        {
            if (RequestBody.OptionalBoolean(body, flag) is { } value)
            {
                git[flag] = value;
            }
        }

        if (RequestBody.OptionalString(body, "token") is { } token)
        {
            if (token.Length is 0 or > 1000 || !TokenCharacters().IsMatch(token))
            {
                throw ApiProblem.BadRequest("token: must be 1 to 1000 characters of letters, digits, '_', '-' and '.'");
            }

            git["tokenSet"] = true;
        }

        foreach (var keyField in new[] { "deployPrivateKey", "deployKeyPassphrase" })
        {
            if (RequestBody.OptionalString(body, keyField) is { Length: > 0 })
            {
                git[$"{keyField}Set"] = true;
            }
        }

        return Validate(git);
    }

    private static JsonObject Validate(JsonObject git)
    {
        var url = git["cloneUrl"]!.GetValue<string>();
        var ssh = git["authMethod"]!.GetValue<string>() == "ssh";
        if (ssh && !SshUrl().IsMatch(url))
        {
            throw ApiProblem.BadRequest("cloneUrl: with authMethod ssh, give an SSH clone URL such as git@github.com:org/repo.git");
        }

        if (!ssh && !(Uri.TryCreate(url, UriKind.Absolute, out var https) && https.Scheme == Uri.UriSchemeHttps))
        {
            throw ApiProblem.BadRequest("cloneUrl: with authMethod https_token, give an HTTPS clone URL such as https://github.com/org/repo.git");
        }

        if (!ssh && git["tokenSet"] is null)
        {
            throw ApiProblem.BadRequest("token: Required when authMethod is https_token");
        }

        // Omni holds an SSH deploy key for ssh links (its public half is shown to add to the repository) and none for https.
        git["publicKey"] = ssh
            ? git["publicKey"]?.GetValue<string>() ?? $"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA{RandomNumberGenerator.GetHexString(43)} omni-emulator"
            : null;
        if (git["gitServiceProvider"]!.GetValue<string>() == "auto")
        {
            git["gitServiceProvider"] = Detect(url);
        }

        return git;
    }

    /// <summary>"my_model" → "omni/my_model"; "/bi/models/sales" → "bi/models/sales" (a leading slash means a path from the repository root).</summary>
    private static string ModelPath(string path) =>
        path.Length == 0 ? throw ApiProblem.BadRequest("modelPath: must not be empty")
        : path.StartsWith('/') ? path.TrimStart('/')
        : $"omni/{path}";

    private static string Detect(string url)
    {
        var host = url.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.Host
            : url.Split('@').Last().Split(':')[0];
        return host.ToUpperInvariant() switch
        {
            var h when h.Contains("GITHUB", StringComparison.Ordinal) => "github",
            var h when h.Contains("GITLAB", StringComparison.Ordinal) => "gitlab",
            var h when h.Contains("DEV.AZURE.COM", StringComparison.Ordinal) || h.Contains("VISUALSTUDIO.COM", StringComparison.Ordinal) => "azure_devops",
            var h when h.Contains("BITBUCKET.ORG", StringComparison.Ordinal) => "bitbucket",
            _ => "auto",
        };
    }

    private static void SetIfGiven(JsonObject git, string field, string? value)
    {
        if (value is not null)
        {
            git[field] = value;
        }
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_\-.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenCharacters();

    [GeneratedRegex(@"^(ssh://[^\s]+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex SshUrl();
}
