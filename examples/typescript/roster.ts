// users.yaml (the same file as examples/gitops): the organisation's members and groups, read and checked
// with the rules of examples/gitops/Roster.cs, so both programs accept and reject the same rosters with
// the same messages.
import * as fs from "fs";
import * as YAML from "yaml";

/** Omni's limit on a group's displayName. */
export const maxGroupDisplayNameLength = 64;

/** An attribute value as Pulumi sends it: a scalar as its YAML text ("3", "true"), a list as strings. */
export type AttributeValue = string | string[];

/** One person in users.yaml. */
export interface RosterUser {
    /** The Pulumi resource name: a stable handle, never shown in Omni. */
    name: string;
    /** The user's email (Omni's userName). */
    userName: string;
    displayName: string;
    /** Attribute reference name → value; keys whose value is empty (`key:` or `~`) are left out. */
    attributes: Record<string, AttributeValue>;
    /** Unset means active. */
    active?: boolean;
    /** `delete` (default) or `deactivate`: what removing the entry does in Omni. */
    deletionMode?: string;
    /** Adopt a user that already exists in Omni with this email instead of failing with 409. */
    adoptExisting?: boolean;
}

/** One group in users.yaml: its members are users of the same roster, by their `name`. */
export interface RosterGroup {
    name: string;
    /** The group's name in Omni (at most 64 characters). */
    displayName: string;
    /** Set (even empty), the group holds exactly these users; unset, its membership is left to Omni. */
    members?: string[];
}

export interface Roster {
    users: RosterUser[];
    groups: RosterGroup[];
}

/** A roster that cannot be turned into resources; the message says what to fix. */
export class RosterError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "RosterError";
    }
}

/** Reads and validates a roster file. */
export function loadRoster(path: string): Roster {
    if (!fs.existsSync(path)) {
        throw new RosterError(`${path}: roster file not found (set the stack config \`roster\` to its path, or run from examples/typescript).`);
    }

    return parseRoster(fs.readFileSync(path, "utf8"), path);
}

/** Parses and validates a roster; every problem is reported with the entry and field to fix. */
export function parseRoster(text: string, source = "users.yaml"): Roster {
    const document = YAML.parseDocument(text);
    const syntax = document.errors[0];
    if (syntax) {
        const at = syntax.linePos?.[0];
        throw new RosterError(`${source}:${at?.line ?? 0}:${at?.col ?? 0}: ${syntax.message.split("\n")[0]}`);
    }

    const problems: string[] = [];
    const roster = read(document, problems);
    problems.push(...validate(roster));
    if (problems.length > 0) {
        throw new RosterError(`${source} is not a valid roster:\n  ${problems.join("\n  ")}`);
    }

    return roster;
}

const userFields = new Set(["name", "userName", "displayName", "attributes", "active", "deletionMode", "adoptExisting"]);
const groupFields = new Set(["name", "displayName", "members"]);

/** The document as a Roster; a field of the wrong shape is a problem, not a crash. */
function read(document: YAML.Document, problems: string[]): Roster {
    const root = document.contents;
    const roster: Roster = { users: [], groups: [] };
    if (root === null || (YAML.isScalar(root) && root.value === null)) {
        return roster;
    }

    if (!YAML.isMap(root)) {
        problems.push("the roster must be a mapping with `users` and `groups`");
        return roster;
    }

    for (const key of keysOf(root)) {
        if (key !== "users" && key !== "groups") {
            problems.push(`unknown field \`${key}\` (a roster has \`users\` and \`groups\`)`);
        }
    }

    roster.users = entries(root.get("users", true), "users", problems).map(([node, at]) => readUser(node, at, problems));
    roster.groups = entries(root.get("groups", true), "groups", problems).map(([node, at]) => readGroup(node, at, problems));
    return roster;
}

function readUser(node: YAML.YAMLMap, index: string, problems: string[]): RosterUser {
    const at = label(node, index);
    unknownFields(node, userFields, at, problems);
    const user: RosterUser = {
        name: text(node, "name", at, problems),
        userName: text(node, "userName", at, problems),
        displayName: text(node, "displayName", at, problems),
        attributes: attributes(node.get("attributes", true), at, problems),
    };
    const active = flag(node, "active", at, problems);
    const adoptExisting = flag(node, "adoptExisting", at, problems);
    const deletionMode = node.has("deletionMode") ? text(node, "deletionMode", at, problems) : undefined;
    return {
        ...user,
        ...(active === undefined ? {} : { active }),
        ...(adoptExisting === undefined ? {} : { adoptExisting }),
        ...(deletionMode === undefined ? {} : { deletionMode }),
    };
}

function readGroup(node: YAML.YAMLMap, index: string, problems: string[]): RosterGroup {
    const at = label(node, index);
    unknownFields(node, groupFields, at, problems);
    const group: RosterGroup = { name: text(node, "name", at, problems), displayName: text(node, "displayName", at, problems) };
    const members = node.get("members", true);
    if (members === undefined || (YAML.isScalar(members) && members.value === null)) {
        return group;
    }

    if (!YAML.isSeq(members) || !members.items.every(YAML.isScalar)) {
        problems.push(`${at}: \`members\` must be a list of users' \`name\`s`);
        return group;
    }

    return { ...group, members: members.items.map((item) => scalarText(item as YAML.Scalar)) };
}

/** `users[1] (bob)`: where a problem is, by position and name. */
function label(node: YAML.YAMLMap, index: string): string {
    const name = node.get("name", true);
    return YAML.isScalar(name) && typeof name.value === "string" && name.value.trim() !== "" ? `${index} (${name.value})` : index;
}

function entries(node: unknown, field: string, problems: string[]): [YAML.YAMLMap, string][] {
    if (node === undefined || (YAML.isScalar(node) && node.value === null)) {
        return [];
    }

    if (!YAML.isSeq(node)) {
        problems.push(`\`${field}\` must be a list`);
        return [];
    }

    return node.items.flatMap((item, i): [YAML.YAMLMap, string][] => {
        if (YAML.isMap(item)) {
            return [[item, `${field}[${i}]`]];
        }

        problems.push(`${field}[${i}]: must be a mapping of fields`);
        return [];
    });
}

function keysOf(node: YAML.YAMLMap): string[] {
    return node.items.map((pair) => String(YAML.isScalar(pair.key) ? pair.key.value : pair.key));
}

function unknownFields(node: YAML.YAMLMap, known: Set<string>, at: string, problems: string[]): void {
    for (const key of keysOf(node).filter((k) => !known.has(k))) {
        problems.push(`${at}: unknown field \`${key}\` (known: ${[...known].join(", ")})`);
    }
}

/** A scalar as YAML wrote it: strings as they are, numbers and booleans by their source text ("3.0", "True"). */
function scalarText(node: YAML.Scalar): string {
    return typeof node.value === "string" ? node.value : node.source ?? String(node.value);
}

function text(node: YAML.YAMLMap, field: string, at: string, problems: string[]): string {
    const value = node.get(field, true);
    if (value === undefined || (YAML.isScalar(value) && value.value === null)) {
        return "";
    }

    if (!YAML.isScalar(value)) {
        problems.push(`${at}: \`${field}\` must be a single value`);
        return "";
    }

    return scalarText(value);
}

function flag(node: YAML.YAMLMap, field: string, at: string, problems: string[]): boolean | undefined {
    const value = node.get(field, true);
    if (value === undefined || (YAML.isScalar(value) && value.value === null)) {
        return undefined;
    }

    if (YAML.isScalar(value) && typeof value.value === "boolean") {
        return value.value;
    }

    problems.push(`${at}: \`${field}\` must be true or false, got \`${YAML.isScalar(value) ? scalarText(value) : String(value)}\``);
    return undefined;
}

function attributes(node: unknown, at: string, problems: string[]): Record<string, AttributeValue> {
    const result: Record<string, AttributeValue> = {};
    if (node === undefined || (YAML.isScalar(node) && node.value === null)) {
        return result;
    }

    if (!YAML.isMap(node)) {
        problems.push(`${at}: \`attributes\` must be a mapping of attribute names to values`);
        return result;
    }

    for (const pair of node.items) {
        const key = String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
        const value = pair.value;
        if (value === null || (YAML.isScalar(value) && value.value === null)) {
            continue;
        }

        if (YAML.isScalar(value)) {
            result[key] = scalarText(value);
        } else if (YAML.isSeq(value) && value.items.every(YAML.isScalar)) {
            result[key] = value.items.map((item) => scalarText(item as YAML.Scalar));
        } else {
            problems.push(`${at}: attribute \`${key}\` is a mapping; use a string, number, boolean or a list of them`);
        }
    }

    return result;
}

/** The rules of Roster.cs: unique names across users and groups, emails, deletion modes, group names and members. */
function validate(roster: Roster): string[] {
    const problems: string[] = [];
    const names = new Set<string>();
    const userNames = new Set<string>();
    roster.users.forEach((user, i) => {
        const at = `users[${i}]${user.name.trim() === "" ? "" : ` (${user.name})`}`;
        checkName(user.name, at, names, "alice", "resource names must be unique", problems);

        if (user.userName.trim() === "" || !user.userName.includes("@")) {
            problems.push(`${at}: \`userName\` must be the user's email address, got \`${user.userName}\``);
        } else if (userNames.has(user.userName.toLowerCase())) {
            problems.push(`${at}: \`userName\` ${user.userName} is listed twice (Omni compares emails case-insensitively)`);
        } else {
            userNames.add(user.userName.toLowerCase());
        }

        if (user.deletionMode !== undefined && user.deletionMode !== "delete" && user.deletionMode !== "deactivate") {
            problems.push(`${at}: \`deletionMode\` must be \`delete\` or \`deactivate\`, got \`${user.deletionMode}\``);
        }

        if (user.displayName.trim() === "") {
            problems.push(`${at}: \`displayName\` is required`);
        }
    });

    const rosterUsers = new Set(roster.users.map((u) => u.name));
    const displayNames = new Set<string>();
    roster.groups.forEach((group, i) => {
        const at = `groups[${i}]${group.name.trim() === "" ? "" : ` (${group.name})`}`;
        checkName(group.name, at, names, "analysts", "names must be unique across users and groups", problems);

        if (group.displayName.trim() === "") {
            problems.push(`${at}: \`displayName\` is required (the group's name in Omni)`);
        } else if (group.displayName.length > maxGroupDisplayNameLength) {
            problems.push(`${at}: \`displayName\` has ${group.displayName.length} characters; Omni allows at most ${maxGroupDisplayNameLength}`);
        } else if (displayNames.has(group.displayName.toLowerCase())) {
            problems.push(`${at}: \`displayName\` ${group.displayName} is listed twice (Omni group names are unique)`);
        } else {
            displayNames.add(group.displayName.toLowerCase());
        }

        const members = new Set<string>();
        for (const member of group.members ?? []) {
            if (!rosterUsers.has(member)) {
                problems.push(`${at}: member \`${member}\` is not a user in the roster; \`members\` lists users' \`name\`s`);
            } else if (members.has(member)) {
                problems.push(`${at}: member \`${member}\` is listed twice`);
            } else {
                members.add(member);
            }
        }
    });

    return problems;
}

/** One namespace for users and groups: a name in `members` must say which user it means. */
function checkName(name: string, at: string, names: Set<string>, example: string, unique: string, problems: string[]): void {
    if (name.trim() === "") {
        problems.push(`${at}: \`name\` is required (the Pulumi resource name, e.g. \`${example}\`)`);
    } else if (names.has(name)) {
        problems.push(`${at}: \`name\` ${name} is used twice; ${unique}`);
    } else {
        names.add(name);
    }
}
