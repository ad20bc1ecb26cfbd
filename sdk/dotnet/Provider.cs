// *** Written in the exact shape `pulumi package gen-sdk --language dotnet` emits for sdk/schema.json. ***
// *** tests/Omni.Sdk.Tests fails when this SDK and the schema drift apart. ***

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Pulumi.Serialization;

namespace Pulumi.Omni
{
    /// <summary>
    /// The provider type for the omni package. By default, resources use package-wide configuration
    /// settings, however an explicit `Provider` instance may be created and passed during resource
    /// construction to achieve fine-grained programmatic control over provider settings. See the
    /// [documentation](https://www.pulumi.com/docs/reference/programming-model/#providers) for more information.
    /// </summary>
    [OmniResourceType("pulumi:providers:omni")]
    public partial class Provider : global::Pulumi.ProviderResource
    {
        /// <summary>
        /// An Omni Organization API key. Personal access tokens are refused.
        /// </summary>
        [Output("apiKey")]
        public Output<string?> ApiKey { get; private set; } = null!;

        /// <summary>
        /// The Omni instance, e.g. https://acme.omniapp.co (with or without /api). https is required except for loopback addresses.
        /// </summary>
        [Output("baseUrl")]
        public Output<string?> BaseUrl { get; private set; } = null!;


        /// <summary>
        /// Create a Provider resource with the given unique name, arguments, and options.
        /// </summary>
        ///
        /// <param name="name">The unique name of the resource</param>
        /// <param name="args">The arguments used to populate this resource's properties</param>
        /// <param name="options">A bag of options that control this resource's behavior</param>
        public Provider(string name, ProviderArgs? args = null, CustomResourceOptions? options = null)
            : base("omni", name, args ?? new ProviderArgs(), MakeResourceOptions(options, ""))
        {
        }

        private static CustomResourceOptions MakeResourceOptions(CustomResourceOptions? options, Input<string>? id)
        {
            var defaultOptions = new CustomResourceOptions
            {
                Version = Utilities.Version,
                AdditionalSecretOutputs =
                {
                    "apiKey",
                },
            };
            var merged = CustomResourceOptions.Merge(defaultOptions, options);
            // Override the ID if one was specified for consistency with other language SDKs.
            merged.Id = id ?? merged.Id;
            return merged;
        }
    }

    public sealed class ProviderArgs : global::Pulumi.ResourceArgs
    {
        [Input("apiKey")]
        private Input<string>? _apiKey;

        /// <summary>
        /// An Omni Organization API key. Personal access tokens are refused.
        /// </summary>
        public Input<string>? ApiKey
        {
            get => _apiKey;
            set
            {
                var emptySecret = Output.CreateSecret(0);
                _apiKey = Output.Tuple<Input<string>?, int>(value, emptySecret).Apply(t => t.Item1);
            }
        }

        /// <summary>
        /// The Omni instance, e.g. https://acme.omniapp.co (with or without /api). https is required except for loopback addresses.
        /// </summary>
        [Input("baseUrl")]
        public Input<string>? BaseUrl { get; set; }

        /// <summary>
        /// How many times a request is retried after a 429, a 5xx or a timeout.
        /// </summary>
        [Input("maxRetries", json: true)]
        public Input<int>? MaxRetries { get; set; }

        /// <summary>
        /// Per-request timeout in seconds.
        /// </summary>
        [Input("requestTimeoutSeconds", json: true)]
        public Input<int>? RequestTimeoutSeconds { get; set; }

        /// <summary>
        /// Client-side request budget per minute, shared by every operation of the run.
        /// </summary>
        [Input("requestsPerMinute", json: true)]
        public Input<int>? RequestsPerMinute { get; set; }

        public ProviderArgs()
        {
            ApiKey = Utilities.GetEnv("OMNI_API_KEY");
            BaseUrl = Utilities.GetEnv("OMNI_BASE_URL");
            MaxRetries = 5;
            RequestTimeoutSeconds = 30;
            RequestsPerMinute = Utilities.GetEnvInt32("OMNI_REQUESTS_PER_MINUTE") ?? 60;
        }
        public static new ProviderArgs Empty => new ProviderArgs();
    }
}
