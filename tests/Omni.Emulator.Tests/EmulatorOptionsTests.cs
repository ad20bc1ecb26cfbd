namespace Omni.Emulator.Tests;

public sealed class EmulatorOptionsTests
{
    [Fact]
    public void Parse_reads_every_flag()
    {
        var options = EmulatorOptions.Parse([
            "--urls", "http://127.0.0.1:9999", "--data", "/tmp/omni", "--api-key", "k", "--pat", "p1", "--pat", "p2",
            "--requests-per-minute", "500", "--rate-limit-window-seconds", "5", "--retry-after", "--attributes", "attrs.json",
        ]);

        Assert.Equal("http://127.0.0.1:9999", options.Urls);
        Assert.Equal("/tmp/omni", options.DataDirectory);
        Assert.False(options.InMemory);
        Assert.Equal("k", options.ApiKey);
        Assert.Equal(["p1", "p2"], options.PersonalAccessTokens);
        Assert.Equal(500, options.RequestsPerMinute);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RateLimitWindow);
        Assert.True(options.RetryAfter);
        Assert.Equal("attrs.json", options.AttributesFile);
        Assert.True(EmulatorOptions.Parse(["--in-memory"]).InMemory);
    }

    [Fact]
    public void Defaults_follow_Omni_a_local_data_folder_and_a_generated_key()
    {
        var options = EmulatorOptions.Parse([]);
        Assert.Equal("http://127.0.0.1:8787", options.Urls);
        Assert.Equal(".omni-emulator", options.DataDirectory);
        Assert.Null(options.ApiKey);
        Assert.Equal(60, options.RequestsPerMinute);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RateLimitWindow);
        Assert.False(options.RetryAfter);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Theory]
    [InlineData("--requests-per-minute", "--requests-per-minute", "-1")]
    [InlineData("--requests-per-minute", "--requests-per-minute", "lots")]
    [InlineData("--rate-limit-window-seconds", "--rate-limit-window-seconds", "0")]
    [InlineData("--api-key", "--api-key")]
    [InlineData("--data", "--data", "--in-memory")]
    [InlineData("--verbose", "--verbose")]
    public void Parse_refuses_bad_input_naming_the_flag(string flag, params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse(args));
        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_the_key_or_the_personal_tokens()
    {
        var text = EmulatorOptions.Parse(["--api-key", "super-secret-key", "--pat", "secret-pat"]).ToString();
        Assert.DoesNotContain("super-secret-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pat", text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_refuses_invalid_options_naming_the_setting()
    {
        var valid = new EmulatorOptions { Urls = "http://127.0.0.1:0", InMemory = true };
        Assert.Contains("RequestsPerMinute", (await Assert.ThrowsAsync<ArgumentException>(
            () => EmulatorServer.StartAsync(valid with { RequestsPerMinute = -5 }))).Message, StringComparison.Ordinal);
        Assert.Contains("RateLimitWindow", (await Assert.ThrowsAsync<ArgumentException>(
            () => EmulatorServer.StartAsync(valid with { RateLimitWindow = TimeSpan.Zero }))).Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey", (await Assert.ThrowsAsync<ArgumentException>(
            () => EmulatorServer.StartAsync(valid with { ApiKey = " " }))).Message, StringComparison.Ordinal);
    }
}
