// Turns the roster into one omni:index:User per user and one omni:index:Group per group (the rules of
// examples/gitops/RosterProgram.cs): a group's memberIds are its members' User ids, so the engine creates
// a group only after its members exist, and a user removed from the roster leaves the group first.
import * as pulumi from "@pulumi/pulumi";
import * as omni from "@pulumi/omni";
import { Roster, RosterError, RosterGroup, RosterUser } from "./roster";

export interface RosterOutputs {
    /** Each user's Omni id, by the roster's `name`. */
    userIds: pulumi.Output<Record<string, string>>;
    userCount: number;
    /** Each group's Omni id, by the roster's `name`. */
    groupIds: pulumi.Output<Record<string, string>>;
}

export function defineRoster(roster: Roster, opts?: pulumi.CustomResourceOptions): RosterOutputs {
    const userIds: Record<string, pulumi.Output<string>> = {};
    for (const person of roster.users) {
        userIds[person.name] = new omni.User(person.name, userArgsOf(person), opts).id;
    }

    const groupIds: Record<string, pulumi.Output<string>> = {};
    for (const group of roster.groups) {
        const args: omni.GroupArgs = { displayName: group.displayName };
        if (group.members !== undefined) {
            args.memberIds = group.members.map((member) => memberId(userIds, group, member));
        }

        groupIds[group.name] = new omni.Group(group.name, args, opts).id;
    }

    return {
        userIds: pulumi.output(userIds),
        userCount: roster.users.length,
        groupIds: pulumi.output(groupIds),
    };
}

/** Only what the roster sets: the SDK sends the schema's defaults (active, deletionMode, adoptExisting) for the rest. */
function userArgsOf(person: RosterUser): omni.UserArgs {
    return {
        userName: person.userName,
        displayName: person.displayName,
        attributes: person.attributes,
        ...(person.active === undefined ? {} : { active: person.active }),
        ...(person.deletionMode === undefined ? {} : { deletionMode: person.deletionMode }),
        ...(person.adoptExisting === undefined ? {} : { adoptExisting: person.adoptExisting }),
    };
}

// parseRoster already rejects unknown members; this guards a Roster built in code.
function memberId(userIds: Record<string, pulumi.Output<string>>, group: RosterGroup, member: string): pulumi.Output<string> {
    const id = userIds[member];
    if (id === undefined) {
        throw new RosterError(`group \`${group.name}\`: member \`${member}\` is not a user in the roster; \`members\` lists users' \`name\`s`);
    }

    return id;
}
