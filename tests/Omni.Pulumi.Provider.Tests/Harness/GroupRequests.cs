using Google.Protobuf.WellKnownTypes;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests.Harness;

/// <summary>The engine's requests for omni:index:Group and omni:index:GroupMembership, spelled out.</summary>
internal static class GroupRequests
{
    public const string GroupType = "omni:index:Group";
    public const string MembershipType = "omni:index:GroupMembership";
    public const string Groups = "/api/scim/v2/groups";
    public const string GroupById = "/api/scim/v2/groups/{id}";

    public static string Urn(string type, string name) => $"urn:pulumi:test::omni::{type}::{name}";

    /// <param name="memberIds">null leaves memberIds unset (membership not managed).</param>
    public static Struct GroupInputs(object displayName, IEnumerable<object>? memberIds = null) =>
        memberIds is null ? Wire.Struct(("displayName", displayName)) : Wire.Struct(("displayName", displayName), ("memberIds", memberIds.ToList()));

    public static Struct MembershipInputs(string groupId, string userId) => Wire.Struct(("groupId", groupId), ("userId", userId));

    public static async Task<CheckResponse> CheckAsync(this ProviderHarness h, string type, string name, Struct news) =>
        await h.Client.CheckAsync(new CheckRequest { Urn = Urn(type, name), Type = type, Name = name, News = news, Olds = new Struct() });

    /// <summary>Check (which must pass) then Create, as the engine does for a new resource.</summary>
    public static async Task<(CreateResponse Created, Struct Inputs)> CreateAsync(this ProviderHarness h, string type, string name, Struct news)
    {
        var check = await h.CheckAsync(type, name, news);
        Assert.Empty(check.Failures);
        var created = await h.Client.CreateAsync(new CreateRequest { Urn = Urn(type, name), Type = type, Name = name, Properties = check.Inputs });
        Assert.NotEmpty(created.Id);
        return (created, check.Inputs);
    }

    public static async Task<ReadResponse> RefreshAsync(this ProviderHarness h, string type, string name, string id, Struct properties, Struct inputs) =>
        await h.Client.ReadAsync(new ReadRequest { Id = id, Urn = Urn(type, name), Type = type, Name = name, Properties = properties, Inputs = inputs });

    /// <summary>What `pulumi import` sends: the id, with properties and inputs as empty Structs.</summary>
    public static async Task<ReadResponse> ImportAsync(this ProviderHarness h, string type, string name, string id) =>
        await h.Client.ReadAsync(new ReadRequest { Id = id, Urn = Urn(type, name), Type = type, Name = name, Properties = new Struct(), Inputs = new Struct() });

    public static async Task<DiffResponse> DiffAsync(this ProviderHarness h, string type, string id, Struct olds, Struct oldInputs, Struct news) =>
        await h.Client.DiffAsync(new DiffRequest { Id = id, Urn = Urn(type, "x"), Type = type, Olds = olds, OldInputs = oldInputs, News = news });

    public static IReadOnlyList<string> Strings(Value list) => [.. list.ListValue.Values.Select(v => v.StringValue)];
}
