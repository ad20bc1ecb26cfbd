using System.Globalization;
using System.Text;

namespace Omni.Emulator;

/// <summary>How an emulator instance listens, stores, authenticates and throttles.</summary>
public sealed record EmulatorOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:8787";
    public string DataDirectory { get; init; } = ".omni-emulator";
    public bool InMemory { get; init; }

    /// <summary>The organization API key; null generates a dev key that the server reports.</summary>
    public string? ApiKey { get; init; }

    public IReadOnlyList<string> PersonalAccessTokens { get; init; } = [];

    /// <summary>Requests allowed per key in one <see cref="RateLimitWindow"/>; 0 turns the limit off.</summary>
    public int RequestsPerMinute { get; init; } = 60;

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);
    public bool RetryAfter { get; init; }

    /// <summary>Attribute definitions in the shape of GET /api/v1/user-attributes; null uses the embedded set.</summary>
    public string? AttributesFile { get; init; }

    /// <summary>Documents seeded beside the sample one in a fresh database ("seeded-document-1" …).</summary>
    public int SeedDocuments { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Connections present from the start and after a reset (each with its SCHEMA model).</summary>
    public IReadOnlyList<Storage.SeedConnection> SeedConnections { get; init; } = [Storage.SeedConnection.Default];

    /// <summary>SHARED models present from the start and after a reset.</summary>
    public IReadOnlyList<Storage.SeedSharedModel> SeedSharedModels { get; init; } = [Storage.SeedSharedModel.Default];

    /// <summary>The organisation's custom model roles: name → base role (e.g. ANALYST → QUERIER).</summary>
    public IReadOnlyDictionary<string, string> CustomModelRoles { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["ANALYST"] = "QUERIER" };

    /// <summary>
    /// True: booleans sent as attribute values are stored as "yes"/"no", as Omni's create-user page shows
    /// (<c>--bool-attributes yes-no</c>); false (default, <c>true-false</c>): as "true"/"false".
    /// </summary>
    public bool BooleanAttributesAsYesNo { get; init; }

    /// <summary>
    /// The userName (email) of the organization key's owner (<c>--key-owner</c>): seeded as a real SCIM user
    /// (id <see cref="V1.V1Endpoints.OrganizationKeyOwnerId"/>) in the group <see cref="AdminGroup"/>, and what
    /// whoami reports. Null (default): whoami names a fixed "Emulator Admin" who is no SCIM user.
    /// </summary>
    public string? KeyOwner { get; init; }

    /// <summary>
    /// The answer to a wrong key (<c>--wrong-key-status 401|403</c>): 401 "Unauthorized: Missing or invalid API key" as
    /// the OpenAPI document says (default), or 403 "Invalid bearer token", which Omni has been seen to send.
    /// </summary>
    public int WrongKeyStatus { get; init; } = 401;

    /// <summary>The group the key owner is seeded into (<c>--admin-group</c>), "Admins" by default.</summary>
    public string AdminGroup { get; init; } = "Admins";

    /// <summary>Embed users present from the start and after a reset (<c>--seed-embed-user EXTERNAL_ID[=EMAIL]</c>).</summary>
    public IReadOnlyList<Storage.SeedEmbedUser> SeedEmbedUsers { get; init; } = [];

    public const string Usage =
        "omni-emulator [--urls URL] [--data DIR | --in-memory] [--api-key KEY] [--pat TOKEN]... " +
        "[--requests-per-minute N] [--rate-limit-window-seconds S] [--retry-after] [--attributes FILE] [--bool-attributes true-false|yes-no] [--seed-documents N] " +
        "[--no-seed] [--seed-connection NAME[=DIALECT]]... [--seed-shared-model NAME[@CONNECTION]]... [--custom-role NAME=BASE_ROLE]... " +
        "[--key-owner EMAIL [--admin-group NAME]] [--seed-embed-user EXTERNAL_ID[=EMAIL]]... [--wrong-key-status 401|403]";

    /// <summary>Reads the command line; throws <see cref="ArgumentException"/> naming the flag at fault.</summary>
    public static EmulatorOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new EmulatorOptions();
        var pats = new List<string>();
        var embedUsers = new List<Storage.SeedEmbedUser>();
        var catalog = new Storage.CatalogFlags();
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            switch (flag)
            {
                case "--urls": options = options with { Urls = Value(args, ref i) }; break;
                case "--data": options = options with { DataDirectory = Value(args, ref i) }; break;
                case "--in-memory": options = options with { InMemory = true }; break;
                case "--api-key": options = options with { ApiKey = Value(args, ref i) }; break;
                case "--pat": pats.Add(Value(args, ref i)); break;
                case "--requests-per-minute":
                    options = options with { RequestsPerMinute = NonNegative(flag, Value(args, ref i)) };
                    break;
                case "--rate-limit-window-seconds":
                    var seconds = NonNegative(flag, Value(args, ref i));
                    if (seconds == 0)
                    {
                        throw new ArgumentException($"{flag} must be at least 1 second.", nameof(args));
                    }

                    options = options with { RateLimitWindow = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--retry-after": options = options with { RetryAfter = true }; break;
                case "--attributes": options = options with { AttributesFile = Value(args, ref i) }; break;
                case "--seed-documents": options = options with { SeedDocuments = NonNegative(flag, Value(args, ref i)) }; break;
                case "--no-seed" or "--seed-connection" or "--seed-shared-model" or "--custom-role":
                    catalog.Read(flag, flag == "--no-seed" ? null : Value(args, ref i));
                    break;
                case "--key-owner":
                    var owner = Value(args, ref i);
                    if (!owner.Contains('@', StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"--key-owner must be the owner's email (userName), e.g. admin@example.com, got '{owner}'.", nameof(args));
                    }

                    options = options with { KeyOwner = owner };
                    break;
                case "--wrong-key-status":
                    options = options with
                    {
                        WrongKeyStatus = Value(args, ref i) switch
                        {
                            "401" => 401,
                            "403" => 403,
                            var other => throw new ArgumentException($"--wrong-key-status must be 401 or 403, got '{other}'.", nameof(args)),
                        },
                    };
                    break;
                case "--admin-group": options = options with { AdminGroup = Value(args, ref i) }; break;
                case "--seed-embed-user": embedUsers.Add(Storage.SeedEmbedUser.Parse(Value(args, ref i))); break;
                case "--bool-attributes":
                    options = options with
                    {
                        BooleanAttributesAsYesNo = Value(args, ref i) switch
                        {
                            "yes-no" => true,
                            "true-false" => false,
                            var other => throw new ArgumentException($"--bool-attributes must be 'true-false' or 'yes-no', got '{other}'.", nameof(args)),
                        },
                    };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{flag}'. Usage: {Usage}", nameof(args));
            }
        }

        return catalog.ApplyTo(options) with { PersonalAccessTokens = pats, SeedEmbedUsers = embedUsers };
    }

    private static string Value(string[] args, ref int i)
    {
        var flag = args[i];
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{flag} needs a value. Usage: {Usage}", nameof(args));
        }

        i++;
        if (string.IsNullOrWhiteSpace(args[i]))
        {
            throw new ArgumentException($"{flag} needs a non-empty value.", nameof(args));
        }

        return args[i];
    }

    private static int NonNegative(string flag, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{flag} must be a whole number >= 0, got '{text}'.", nameof(flag));

    // Secrets never reach logs through ToString().
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"Urls = {Urls}, DataDirectory = {DataDirectory}, InMemory = {InMemory}, ApiKey = {(ApiKey is null ? "(generated)" : "***")}, ")
            .Append(CultureInfo.InvariantCulture,
            $"PersonalAccessTokens = {PersonalAccessTokens.Count} configured, RequestsPerMinute = {RequestsPerMinute}, ")
            .Append(CultureInfo.InvariantCulture,
            $"RateLimitWindow = {RateLimitWindow}, RetryAfter = {RetryAfter}, AttributesFile = {AttributesFile ?? "(embedded)"}, SeedDocuments = {SeedDocuments}, ")
            .Append(CultureInfo.InvariantCulture,
            $"SeedConnections = {SeedConnections.Count}, SeedSharedModels = {SeedSharedModels.Count}, CustomModelRoles = {CustomModelRoles.Count}, ")
            .Append(CultureInfo.InvariantCulture,
            $"KeyOwner = {KeyOwner ?? "(none)"}, AdminGroup = {AdminGroup}, SeedEmbedUsers = {SeedEmbedUsers.Count}, WrongKeyStatus = {WrongKeyStatus}");
        return true;
    }
}
