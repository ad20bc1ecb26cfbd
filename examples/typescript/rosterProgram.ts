// Turns the roster into resources (the rules of examples/gitops/RosterProgram.cs): one
// omni:index:UserAttribute per `attributes:` definition, one omni:index:User per user, whose attribute keys
// are the definitions' `name` outputs (so the engine creates a definition before the users that use it and
// deletes it after them), one omni:index:Group per group, whose memberIds are its members' User ids (so a
// group is created after its members and a user removed from the roster leaves the group first), and one
// omni:index:UserModelRole / GroupModelRole per role, on the model or connection getModels / getConnections
// find by the roster's name or id.
import * as pulumi from "@pulumi/pulumi";
import * as omni from "@pulumi/omni";
import {
    AttributeValue, Roster, RosterAttribute, RosterError, RosterGroup, RosterRole, RosterUser, resolveTarget, roleResourceName,
} from "./roster";

export interface RosterOutputs {
    /** Each user's Omni id, by the roster's `name`. */
    userIds: pulumi.Output<Record<string, string>>;
    userCount: number;
    /** Each group's Omni id, by the roster's `name`. */
    groupIds: pulumi.Output<Record<string, string>>;
    /** Each attribute definition's Omni id, by its reference name. */
    attributeIds: pulumi.Output<Record<string, string>>;
    /** Each role resource's id (`<subject id>/<model or connection id>`), by its resource name. */
    roleIds: pulumi.Output<Record<string, string>>;
}

export function defineRoster(roster: Roster, opts?: pulumi.CustomResourceOptions): RosterOutputs {
    const attributeNames: Record<string, pulumi.Output<string>> = {};
    const attributeIds: Record<string, pulumi.Output<string>> = {};
    for (const definition of roster.attributes ?? []) {
        const attribute = new omni.UserAttribute(definition.name, attributeArgsOf(definition), opts);
        attributeNames[definition.name] = attribute.name;
        attributeIds[definition.name] = attribute.id;
    }

    const catalog = new Catalog(opts);
    const roleIds: Record<string, pulumi.Output<string>> = {};
    const userIds: Record<string, pulumi.Output<string>> = {};
    roster.users.forEach((person, i) => {
        const user = new omni.User(person.name, userArgsOf(person, attributeNames), opts);
        userIds[person.name] = user.id;
        (person.roles ?? []).forEach((role, j) => {
            const name = roleResourceName(person.name, role);
            roleIds[name] = new omni.UserModelRole(name, { userId: user.id, ...catalog.target(role, `users[${i}] (${person.name}): roles[${j}]`), roleName: role.role }, opts).id;
        });
    });

    const groupIds: Record<string, pulumi.Output<string>> = {};
    roster.groups.forEach((group, i) => {
        const args: omni.GroupArgs = { displayName: group.displayName };
        if (group.members !== undefined) {
            args.memberIds = group.members.map((member) => memberId(userIds, group, member));
        }

        const created = new omni.Group(group.name, args, opts);
        groupIds[group.name] = created.id;
        (group.roles ?? []).forEach((role, j) => {
            const name = roleResourceName(group.name, role);
            roleIds[name] = new omni.GroupModelRole(name, { groupId: created.id, ...catalog.target(role, `groups[${i}] (${group.name}): roles[${j}]`), roleName: role.role }, opts).id;
        });
    });

    return {
        userIds: pulumi.output(userIds),
        userCount: roster.users.length,
        groupIds: pulumi.output(groupIds),
        attributeIds: pulumi.output(attributeIds),
        roleIds: pulumi.output(roleIds),
    };
}

/** Omni's models and connections, each listed once (and only when a role needs them), to find roles' targets by name. */
class Catalog {
    private models?: pulumi.Output<omni.GetModelsResult>;
    private connections?: pulumi.Output<omni.GetConnectionsResult>;

    constructor(private readonly opts?: pulumi.CustomResourceOptions) {
    }

    /** `modelId` or `connectionId` of a role; a name that matches no item, or several, fails the program with `at` and the fix. */
    target(role: RosterRole, at: string): { modelId: pulumi.Output<string> } | { connectionId: pulumi.Output<string> } {
        const invokeOptions: pulumi.InvokeOutputOptions = this.opts?.provider === undefined ? {} : { provider: this.opts.provider };
        if (role.model !== undefined) {
            const reference = role.model;
            this.models ??= omni.getModelsOutput({}, invokeOptions);
            return { modelId: this.models.apply((result) => resolveTarget(result.models.map((m) => ({ id: m.id, name: m.name })), reference, "model", at)) };
        }

        const reference = role.connection ?? "";
        this.connections ??= omni.getConnectionsOutput({}, invokeOptions);
        return { connectionId: this.connections.apply((result) => resolveTarget(result.connections, reference, "connection", at)) };
    }
}

function attributeArgsOf(definition: RosterAttribute): omni.UserAttributeArgs {
    return {
        name: definition.name,
        type: definition.type,
        ...(definition.label === undefined ? {} : { label: definition.label }),
        ...(definition.multipleValues === undefined ? {} : { multipleValues: definition.multipleValues }),
        ...(definition.description === undefined ? {} : { description: definition.description }),
        ...(definition.defaultValue === undefined ? {} : { defaultValue: definition.defaultValue }),
    };
}

/** Only what the roster sets: the SDK sends the schema's defaults (active, deletionMode, adoptExisting) for the rest. */
function userArgsOf(person: RosterUser, attributeNames: Record<string, pulumi.Output<string>>): omni.UserArgs {
    return {
        userName: person.userName,
        displayName: person.displayName,
        attributes: keyedByDefinitions(person.attributes, attributeNames),
        ...(person.active === undefined ? {} : { active: person.active }),
        ...(person.deletionMode === undefined ? {} : { deletionMode: person.deletionMode }),
        ...(person.adoptExisting === undefined ? {} : { adoptExisting: person.adoptExisting }),
    };
}

/**
 * The user's attributes keyed by the definitions' `name` outputs where the roster defines the key: the
 * User then depends on those UserAttributes. Keys of definitions made in Omni stay plain strings.
 */
function keyedByDefinitions(attributes: Record<string, AttributeValue>, attributeNames: Record<string, pulumi.Output<string>>): pulumi.Input<Record<string, pulumi.Input<AttributeValue>>> {
    const entries = Object.entries(attributes);
    if (!entries.some(([key]) => attributeNames[key] !== undefined)) {
        return attributes;
    }

    return pulumi.all(entries.map(([key, value]) => (attributeNames[key] ?? pulumi.output(key)).apply((name): [string, AttributeValue] => [name, value])))
        .apply((pairs) => Object.fromEntries(pairs));
}

// parseRoster already rejects unknown members; this guards a Roster built in code.
function memberId(userIds: Record<string, pulumi.Output<string>>, group: RosterGroup, member: string): pulumi.Output<string> {
    const id = userIds[member];
    if (id === undefined) {
        throw new RosterError(`group \`${group.name}\`: member \`${member}\` is not a user in the roster; \`members\` lists users' \`name\`s`);
    }

    return id;
}
