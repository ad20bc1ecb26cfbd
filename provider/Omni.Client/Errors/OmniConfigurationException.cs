namespace Omni.Client;

/// <summary>The client options are unusable (bad BaseUrl, missing ApiKey, negative limits); the message names the field and the fix.</summary>
public sealed class OmniConfigurationException : Exception
{
    public OmniConfigurationException()
    {
    }

    public OmniConfigurationException(string message)
        : base(message)
    {
    }

    public OmniConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
