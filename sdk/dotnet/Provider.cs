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
    /// The provider type for the omni package.
    /// </summary>
    [OmniResourceType("pulumi:providers:omni")]
    public partial class Provider : global::Pulumi.ProviderResource
    {
        /// <summary>
        /// An Omni Organization API key (personal access tokens cannot use SCIM). Set it with `pulumi config set --secret omni:apiKey &lt;key&gt;`. Falls back to the `OMNI_API_KEY` environment variable.
        /// </summary>
        [Output("apiKey")]
        public Output<string?> ApiKey { get; private set; } = null!;

        /// <summary>
        /// The Omni instance URL, e.g. `https://acme.omniapp.co` (with or without `/api`). HTTPS is required except for loopback addresses. Falls back to the `OMNI_BASE_URL` environment variable.
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
        /// An Omni Organization API key (personal access tokens cannot use SCIM). Set it with `pulumi config set --secret omni:apiKey &lt;key&gt;`. Falls back to the `OMNI_API_KEY` environment variable.
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
        /// The Omni instance URL, e.g. `https://acme.omniapp.co` (with or without `/api`). HTTPS is required except for loopback addresses. Falls back to the `OMNI_BASE_URL` environment variable.
        /// </summary>
        [Input("baseUrl")]
        public Input<string>? BaseUrl { get; set; }

        /// <summary>
        /// How many times a request is retried after a 429, a 5xx or a timeout. Defaults to 5.
        /// </summary>
        [Input("maxRetries", json: true)]
        public Input<int>? MaxRetries { get; set; }

        /// <summary>
        /// Timeout of a single HTTP request, in seconds. Defaults to 30.
        /// </summary>
        [Input("requestTimeoutSeconds", json: true)]
        public Input<int>? RequestTimeoutSeconds { get; set; }

        /// <summary>
        /// Client-side request budget shared by every operation of the run. Defaults to 60, Omni's documented limit; 0 disables the limiter. Falls back to `OMNI_REQUESTS_PER_MINUTE`.
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
