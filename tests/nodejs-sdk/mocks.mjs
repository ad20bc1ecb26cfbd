// @pulumi/pulumi's own runtime mocks (pulumi.runtime.setMocks), plus a record of what the runtime sends
// the resource monitor: each registration's and invoke's wire form (secrets still wrapped in Pulumi's
// secret signature), options (version, additionalSecretOutputs, replaceOnChanges, provider) and
// dependencies. The mocks' own callbacks see values only after deserialization, secrets unwrapped.
import { createRequire } from "node:module";

/** The secret signature of Pulumi's wire format (sdk/go/common/resource/sig). */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** True when a wire value is wrapped as a secret. */
export const isWireSecret = (value) => value?.[SIG_KEY] === SECRET_SIG;

/**
 * Sets the mocks up for a project whose node_modules holds @pulumi/pulumi (the copy the program and the
 * SDK load). `newResource(args)` and `call(args)` answer as Pulumi's mocks do; the returned record lists
 * registrations (new and read) and invokes in the order the runtime sent them.
 */
export async function startMocks(projectDir, { newResource, call, project = "project", stack = "stack", config = {} }) {
  const require = createRequire(`${projectDir}/package.json`);
  const pulumi = require("@pulumi/pulumi");
  const record = { registrations: [], invokes: [], pulumi };
  await pulumi.runtime.setMocks({ newResource, call }, project, stack, false);
  pulumi.runtime.setAllConfig(config);

  const monitor = pulumi.runtime.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    record.registrations.push({
      kind: "register",
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      wire: req.getObject()?.toJavaScript() ?? {},
      version: req.getVersion(),
      pluginDownloadURL: req.getPlugindownloadurl(),
      provider: req.getProvider(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      replaceOnChanges: req.getReplaceonchangesList(),
      dependencies: req.getDependenciesList(),
      propertyDependencies: Object.fromEntries(
        [...req.getPropertydependenciesMap().entries()].map(([key, deps]) => [key, deps.getUrnsList()])),
    });
    return register(req, callback);
  };
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (req, callback) => {
    record.registrations.push({
      kind: "read",
      type: req.getType(),
      name: req.getName(),
      id: req.getId(),
      wire: req.getProperties()?.toJavaScript() ?? {},
      version: req.getVersion(),
      provider: req.getProvider(),
    });
    return read(req, callback);
  };
  const invoke = monitor.invoke.bind(monitor);
  monitor.invoke = (req, callback) => {
    record.invokes.push({ token: req.getTok(), wire: req.getArgs()?.toJavaScript() ?? {}, version: req.getVersion(), provider: req.getProvider() });
    return invoke(req, callback);
  };
  return record;
}

/** The value of an Output once the runtime resolved it (mocks run no preview, so every value is known). */
export function settle(output) {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** The one registration of this type and name; fails the test when there is none or several. */
export function registrationOf(record, type, name) {
  const found = record.registrations.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one registration of ${type} ${name}, found ${found.length}: ${record.registrations.map((r) => `${r.type} ${r.name}`).join(", ")}`);
  }

  return found[0];
}
