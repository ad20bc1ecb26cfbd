using OmniRoster;
using Pulumi;

return await Deployment.RunAsync(() =>
{
    // `pulumi config set roster path/to/users.yaml` points the stack at another roster.
    var rosterPath = new Config().Get("roster") ?? "users.yaml";
    return RosterProgram.Define(Roster.Load(rosterPath));
});
