using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace Omni.Examples.Tests;

/// <summary>
/// Stands in for the engine and the omni plugin: records what each resource was registered with
/// and answers with the inputs plus the outputs Omni would add.
/// </summary>
public sealed class RecordingMocks : IMocks
{
    public ConcurrentDictionary<string, (string Type, ImmutableDictionary<string, object> Inputs)> Registered { get; } = new();

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        var name = args.Name ?? "";
        Registered[name] = (args.Type ?? "", args.Inputs);
        var outputs = args.Inputs.ToBuilder();
        if (args.Type == "omni:index:User")
        {
            outputs["emails"] = ImmutableArray.Create<object>(args.Inputs["userName"]);
            outputs["groups"] = ImmutableArray<object>.Empty;
            outputs["adopted"] = false;
            outputs["created"] = "2026-01-01T00:00:00Z";
        }

        // The real SDK passes "" (not null) as the id of a resource that is not being imported.
        var id = string.IsNullOrEmpty(args.Id) ? $"{name}-id" : args.Id;
        return Task.FromResult<(string? id, object state)>((id, outputs.ToImmutable()));
    }

    /// <summary>The models getModels lists: the emulator's seed (a connection's SCHEMA model and a SHARED one).</summary>
    public static readonly (string Id, string Name, string Kind)[] Models =
    [
        ("model-schema", "Emulator Warehouse", "SCHEMA"),
        ("model-shared", "Emulator Shared Model", "SHARED"),
    ];

    public const string ConnectionId = "conn-1";

    /// <summary>
    /// Functions: getUser answers with a user built from the id it was asked for; getModels (filtered by
    /// modelKind when asked) and getConnections with the emulator's seed; others with nothing.
    /// </summary>
    public Task<object> CallAsync(MockCallArgs args)
    {
        if (args.Token == "omni:index:getModels")
        {
            var kind = args.Args.TryGetValue("modelKind", out var k) ? k as string : null;
            var models = Models.Where(m => kind is null || m.Kind == kind).Select(m => (object)new Dictionary<string, object>
            {
                ["id"] = m.Id,
                ["name"] = m.Name,
                ["modelKind"] = m.Kind,
                ["connectionId"] = ConnectionId,
            }.ToImmutableDictionary());
            return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty.Add("models", models.ToImmutableArray()));
        }

        if (args.Token == "omni:index:getConnections")
        {
            var connection = new Dictionary<string, object>
            {
                ["id"] = ConnectionId,
                ["name"] = "Emulator Warehouse",
                ["dialect"] = "postgres",
            }.ToImmutableDictionary();
            return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty.Add("connections", ImmutableArray.Create<object>(connection)));
        }

        if (args.Token == "omni:index:getUser" && args.Args.TryGetValue("id", out var id))
        {
            return Task.FromResult<object>(new Dictionary<string, object>
            {
                ["id"] = id,
                ["userName"] = $"{id}@example.com",
                ["displayName"] = "Read back",
                ["active"] = true,
                ["attributes"] = ImmutableDictionary<string, object>.Empty,
                ["emails"] = ImmutableArray.Create<object>($"{id}@example.com"),
                ["groups"] = ImmutableArray<object>.Empty,
                ["lastLogin"] = "2026-01-02T03:04:05.000Z",
            }.ToImmutableDictionary());
        }

        return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty);
    }
}
