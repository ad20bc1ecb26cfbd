// An explicit provider: its API key (a secret in the schema) must reach the engine as a secret whether it
// is passed in plain text or comes from OMNI_API_KEY; resources given the provider are registered with it.
import * as omni from "@pulumi/omni";

export const explicit = new omni.Provider("explicit", {
    apiKey: "key-passed-in-plain-text",
    baseUrl: "https://acme.omniapp.co",
    requestsPerMinute: 0,
});

export const fromEnvironment = new omni.Provider("from-environment", {});

export const carol = new omni.User("carol", {
    userName: "carol@example.com",
    displayName: "Carol Nguyen",
}, { provider: explicit });

export const carolViaProvider = omni.getUserOutput({ id: carol.id }, { provider: explicit });
export const configuredMaxRetries = omni.config.maxRetries;
export const configuredBaseUrl = omni.config.baseUrl;
