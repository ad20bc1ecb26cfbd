using Omni.Pulumi.Provider.Functions;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>The resources a provider serves, each added in one line with its type arguments inferred
/// from the <see cref="ICreate{TArgs,TState}"/> it implements: <c>resources.Add(new UserResource(...))</c>.</summary>
internal sealed class ResourceCatalog : List<IResourceHandler>
{
    public ResourceCatalog Add<TArgs, TState>(ICreate<TArgs, TState> resource)
        where TArgs : class, new()
        where TState : class, new()
    {
        Add(new ResourceHandler<TArgs, TState>(resource));
        return this;
    }
}

/// <summary>The functions a provider serves, each added in one line: <c>functions.Add(new GetUserFunction(...))</c>.</summary>
internal sealed class FunctionCatalog : List<IFunctionHandler>
{
    public FunctionCatalog Add<TArgs, TResult>(IProviderFunction<TArgs, TResult> function)
        where TArgs : class, new()
        where TResult : class
    {
        Add(new FunctionHandler<TArgs, TResult>(function));
        return this;
    }
}
