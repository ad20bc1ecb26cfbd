using Omni.Codegen.Schema;

namespace Omni.Codegen.Dotnet;

/// <summary>
/// In which shapes each object type is used (Pulumi's typeDetails): as an output, a resource's
/// input (XArgs), a Get state (XGetArgs) or a function's plain arg (X : InvokeArgs); the types
/// nested in it are used the same way. Each shape becomes one class under Outputs/ or Inputs/.
/// </summary>
internal sealed class TypeUsage
{
    private readonly Dictionary<string, SortedSet<Shape>> _shapes = new(StringComparer.Ordinal);
    private readonly PackageSchema _schema;

    private TypeUsage(PackageSchema schema) => _schema = schema;

    public static TypeUsage Of(PackageSchema schema)
    {
        var usage = new TypeUsage(schema);
        foreach (var r in schema.Resources.Append(schema.Provider))
        {
            usage.Visit(r.Properties, Shape.Output);
            usage.Visit(r.InputProperties, Shape.Input);
            if (r.StateInputs is { } state)
            {
                usage.Visit(state, Shape.Input);
                usage.Visit(state, Shape.State);
            }
        }

        foreach (var f in schema.Functions)
        {
            if (f.Inputs is { } inputs)
            {
                usage.Visit(inputs, Shape.Plain);
                if (f.Outputs is not null && inputs.Count > 0)
                {
                    // The Invoke (Output) form takes the same args, Input-wrapped.
                    usage.Visit(inputs, Shape.Input);
                }
            }

            if (f.Outputs is { } outputs)
            {
                usage.Visit(outputs, Shape.Output);
            }
        }

        return usage;
    }

    /// <summary>The shapes a type is generated in, in a fixed order; none for a type nothing uses.</summary>
    public IEnumerable<Shape> ShapesOf(string token) => _shapes.TryGetValue(token, out var shapes) ? shapes : [];

    private void Visit(IEnumerable<SchemaProperty> properties, Shape shape)
    {
        foreach (var property in properties)
        {
            Visit(property.Type, shape);
        }
    }

    private void Visit(SchemaType type, Shape shape)
    {
        switch (type)
        {
            case SchemaType.Array a:
                Visit(a.Items, shape);
                break;
            case SchemaType.Map m:
                Visit(m.Values, shape);
                break;
            case SchemaType.Object o:
                if (!_shapes.TryGetValue(o.Token, out var shapes))
                {
                    _shapes[o.Token] = shapes = [];
                }

                if (shapes.Add(shape) && _schema.ObjectTypes.TryGetValue(o.Token, out var obj))
                {
                    Visit(obj.Properties, shape);
                }

                break;
        }
    }
}
