using Pulumi;
using OmniExample;

return await Deployment.RunAsync(Team.Define);
