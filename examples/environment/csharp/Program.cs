using OmniEnvironment;
using Pulumi;

return await Deployment.RunAsync(() => EnvironmentStack.Define(EnvironmentConfig.Load()));
