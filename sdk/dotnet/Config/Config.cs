// *** Written in the exact shape `pulumi package gen-sdk --language dotnet` emits for sdk/schema.json. ***
// *** tests/Omni.Sdk.Tests fails when this SDK and the schema drift apart. ***

using System;
using System.Collections.Immutable;

namespace Pulumi.Omni
{
    public static class Config
    {
        [global::System.Diagnostics.CodeAnalysis.SuppressMessage("Microsoft.Design", "IDE1006", Justification = 
        "Double underscore prefix used to avoid conflicts with variable names.")]
        private sealed class __Value<T>
        {
            private readonly Func<T> _getter;
            private T _value = default!;
            private bool _set;

            public __Value(Func<T> getter)
            {
                _getter = getter;
            }

            public T Get() => _set ? _value : _getter();

            public void Set(T value)
            {
                _value = value;
                _set = true;
            }
        }

        private static readonly global::Pulumi.Config __config = new global::Pulumi.Config("omni");

        private static readonly __Value<string?> _apiKey = new __Value<string?>(() => __config.Get("apiKey") ?? Utilities.GetEnv("OMNI_API_KEY"));
        /// <summary>
        /// An Omni Organization API key (personal access tokens cannot use SCIM). Set it with `pulumi config set --secret omni:apiKey &lt;key&gt;`. Falls back to the `OMNI_API_KEY` environment variable.
        /// </summary>
        public static string? ApiKey
        {
            get => _apiKey.Get();
            set => _apiKey.Set(value);
        }

        private static readonly __Value<string?> _baseUrl = new __Value<string?>(() => __config.Get("baseUrl") ?? Utilities.GetEnv("OMNI_BASE_URL"));
        /// <summary>
        /// The Omni instance URL, e.g. `https://acme.omniapp.co` (with or without `/api`). HTTPS is required except for loopback addresses. Falls back to the `OMNI_BASE_URL` environment variable.
        /// </summary>
        public static string? BaseUrl
        {
            get => _baseUrl.Get();
            set => _baseUrl.Set(value);
        }

        private static readonly __Value<int?> _maxRetries = new __Value<int?>(() => __config.GetInt32("maxRetries") ?? 5);
        /// <summary>
        /// How many times a request is retried after a 429, a 5xx or a timeout. Defaults to 5.
        /// </summary>
        public static int? MaxRetries
        {
            get => _maxRetries.Get();
            set => _maxRetries.Set(value);
        }

        private static readonly __Value<int?> _requestTimeoutSeconds = new __Value<int?>(() => __config.GetInt32("requestTimeoutSeconds") ?? 30);
        /// <summary>
        /// Timeout of a single HTTP request, in seconds. Defaults to 30.
        /// </summary>
        public static int? RequestTimeoutSeconds
        {
            get => _requestTimeoutSeconds.Get();
            set => _requestTimeoutSeconds.Set(value);
        }

        private static readonly __Value<int?> _requestsPerMinute = new __Value<int?>(() => __config.GetInt32("requestsPerMinute") ?? Utilities.GetEnvInt32("OMNI_REQUESTS_PER_MINUTE") ?? 60);
        /// <summary>
        /// Client-side request budget shared by every operation of the run. Defaults to 60, Omni's documented limit; 0 disables the limiter. Falls back to `OMNI_REQUESTS_PER_MINUTE`.
        /// </summary>
        public static int? RequestsPerMinute
        {
            get => _requestsPerMinute.Get();
            set => _requestsPerMinute.Set(value);
        }

    }
}
