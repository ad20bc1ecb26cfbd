namespace Omni.Pulumi.Provider.Tests.Harness;

/// <summary>A fresh emulator, fake engine and provider for each test.</summary>
public abstract class HarnessTest : IAsyncLifetime
{
    internal ProviderHarness H { get; private set; } = null!;

    public async Task InitializeAsync() => H = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await H.DisposeAsync();
}
