// users.yaml (the same file as examples/gitops): the organisation's members and groups, read and checked
// with the rules of examples/gitops/Roster.cs, so both programs accept and reject the same rosters with
// the same messages.
import * as fs from "fs";
import * as YAML from "yaml";

/** Omni's limit on a group's displayName. */
export const maxGroupDisplayNameLength = 64;

/** An attribute value as Pulumi sends it: a scalar as its YAML text ("3", "true"), a list as strings. */
export type AttributeValue = string | string[];

/** The roles Omni documents (the provider's list); any other well-formed name is a custom role of the organisation. */
export const baseRoles = ["NO_ACCESS", "VIEWER", "QUERY_TOPICS", "RESTRICTED_QUERIER", "QUERIER", "MODELER", "CONNECTION_ADMIN"];

/** A reference name (attribute) or a role name: letters, digits and underscores, starting with a letter. */
const referenceName = /^[A-Za-z][A-Za-z0-9_]*$/;

/** One user-attribute definition in users.yaml's `attributes:` list: an omni:index:UserAttribute. */
export interface RosterAttribute {
    /** The reference name used in model SQL, access filters and users' `attributes`; also the Pulumi resource name. */
    name: string;
    /** `String` or `Number`. */
    type: string;
    label?: string;
    multipleValues?: boolean;
    description?: string;
    defaultValue?: AttributeValue;
}

/** One model role of a user or group: exactly one of `model` and `connection` (a name or an id). */
export interface RosterRole {
    model?: string;
    connection?: string;
    role: string;
}

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
    /** The user's own model roles. */
    roles?: RosterRole[];
}

/** One group in users.yaml: its members are users of the same roster, by their `name`. */
export interface RosterGroup {
    name: string;
    /** The group's name in Omni (at most 64 characters). */
    displayName: string;
    /** Set (even empty), the group holds exactly these users; unset, its membership is left to Omni. */
    members?: string[];
    /** The group's model roles. */
    roles?: RosterRole[];
}

export interface Roster {
    /** The definitions the roster manages; unset, attributes are defined in Omni and users' keys are not checked. */
    attributes?: RosterAttribute[];
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

const userFields = new Set(["name", "userName", "displayName", "attributes", "active", "deletionMode", "adoptExisting", "roles"]);
const groupFields = new Set(["name", "displayName", "members", "roles"]);
const attributeFields = new Set(["name", "label", "type", "multipleValues", "description", "defaultValue"]);
const roleFields = new Set(["model", "connection", "role"]);

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
        if (key !== "attributes" && key !== "users" && key !== "groups") {
            problems.push(`unknown field \`${key}\` (a roster has \`attributes\`, \`users\` and \`groups\`)`);
        }
    }

    const definitions = root.get("attributes", true);
    if (definitions !== undefined && !(YAML.isScalar(definitions) && definitions.value === null)) {
        roster.attributes = entries(definitions, "attributes", problems).map(([node, at]) => readAttribute(node, at, problems));
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
    const roles = readRoles(node.get("roles", true), at, problems);
    return {
        ...user,
        ...(active === undefined ? {} : { active }),
        ...(adoptExisting === undefined ? {} : { adoptExisting }),
        ...(deletionMode === undefined ? {} : { deletionMode }),
        ...(roles === undefined ? {} : { roles }),
    };
}

function readAttribute(node: YAML.YAMLMap, index: string, problems: string[]): RosterAttribute {
    const at = label(node, index);
    unknownFields(node, attributeFields, at, problems);
    const definition: RosterAttribute = { name: text(node, "name", at, problems), type: text(node, "type", at, problems) };
    const multipleValues = flag(node, "multipleValues", at, problems);
    const optional: Partial<RosterAttribute> = {
        ...(node.has("label") ? { label: text(node, "label", at, problems) } : {}),
        ...(multipleValues === undefined ? {} : { multipleValues }),
        ...(node.has("description") ? { description: text(node, "description", at, problems) } : {}),
    };
    const value = node.get("defaultValue", true);
    if (YAML.isScalar(value) && value.value !== null) {
        optional.defaultValue = scalarText(value);
    } else if (YAML.isSeq(value) && value.items.every(YAML.isScalar)) {
        optional.defaultValue = value.items.map((item) => scalarText(item as YAML.Scalar));
    } else if (value !== undefined && !(YAML.isScalar(value) && value.value === null)) {
        problems.push(`${at}: \`defaultValue\` must be a string or number, or a list of them when \`multipleValues\` is true`);
    }

    return { ...definition, ...optional };
}

/** `roles:` of a user or group; undefined when absent, so that an entry without roles reads as before. */
function readRoles(node: unknown, at: string, problems: string[]): RosterRole[] | undefined {
    if (node === undefined || (YAML.isScalar(node) && node.value === null)) {
        return undefined;
    }

    if (!YAML.isSeq(node)) {
        problems.push(`${at}: \`roles\` must be a list such as [{ model: Sales, role: VIEWER }]`);
        return undefined;
    }

    return node.items.flatMap((item, j): RosterRole[] => {
        const where = `${at}: roles[${j}]`;
        if (!YAML.isMap(item)) {
            problems.push(`${where}: each role is { model: <model name or id>, role: <role> } or { connection: <connection name or id>, role: <role> }`);
            return [];
        }

        for (const key of keysOf(item).filter((k) => !roleFields.has(k))) {
            problems.push(`${where}: unknown field \`${key}\` (a role has model or connection, and role)`);
        }

        const role: RosterRole = { role: text(item, "role", where, problems) };
        for (const field of ["model", "connection"] as const) {
            if (item.has(field)) {
                role[field] = text(item, field, where, problems);
            }
        }

        return [role];
    });
}

function readGroup(node: YAML.YAMLMap, index: string, problems: string[]): RosterGroup {
    const at = label(node, index);
    unknownFields(node, groupFields, at, problems);
    const roles = readRoles(node.get("roles", true), at, problems);
    const group: RosterGroup = {
        name: text(node, "name", at, problems),
        displayName: text(node, "displayName", at, problems),
        ...(roles === undefined ? {} : { roles }),
    };
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

/**
 * The rules of Roster.cs: attribute definitions, unique names across users and groups, emails, deletion
 * modes, attribute keys against the definitions, group names and members, and roles.
 */
function validate(roster: Roster): string[] {
    const problems: string[] = [];
    const definitions = validateAttributes(roster.attributes, problems);
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

        problems.push(...attributeKeyProblems(user, at, definitions));
        problems.push(...roleProblems(user.roles, at, "user"));
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

        problems.push(...roleProblems(group.roles, at, "group"));
    });

    return problems;
}

/** The definitions by reference name (undefined without an `attributes:` list), each checked. */
function validateAttributes(attributes: RosterAttribute[] | undefined, problems: string[]): Map<string, RosterAttribute> | undefined {
    if (attributes === undefined) {
        return undefined;
    }

    const definitions = new Map<string, RosterAttribute>();
    const seen = new Set<string>();
    attributes.forEach((definition, i) => {
        const at = `attributes[${i}]${definition.name.trim() === "" ? "" : ` (${definition.name})`}`;
        if (!referenceName.test(definition.name)) {
            problems.push(`${at}: \`name\` must be a reference name (letters, digits and underscores, starting with a letter, e.g. sales_region), got \`${definition.name}\``);
        } else if (definition.name.toLowerCase().startsWith("omni_")) {
            problems.push(`${at}: \`name\` ${definition.name} starts with omni_, which Omni reserves for its system attributes; choose another name`);
        } else if (seen.has(definition.name.toLowerCase())) {
            problems.push(`${at}: attribute \`${definition.name}\` is defined twice (Omni compares reference names case-insensitively)`);
        } else {
            seen.add(definition.name.toLowerCase());
            definitions.set(definition.name, definition);
        }

        if (definition.type !== "String" && definition.type !== "Number") {
            problems.push(`${at}: \`type\` must be String or Number, got \`${definition.type}\``);
        }

        if (Array.isArray(definition.defaultValue) && definition.multipleValues !== true) {
            problems.push(`${at}: \`defaultValue\` is a list; a list needs \`multipleValues: true\``);
        }
    });

    return definitions;
}

/** With an `attributes:` list, every key a user sets must be defined there, and a list needs a multi-valued definition. */
function attributeKeyProblems(user: RosterUser, at: string, definitions: Map<string, RosterAttribute> | undefined): string[] {
    if (definitions === undefined) {
        return [];
    }

    return Object.entries(user.attributes).flatMap(([key, value]) => {
        const definition = definitions.get(key);
        if (definition === undefined) {
            return [`${at}: attribute \`${key}\` is not defined in \`attributes:\`; add a definition ({ name: ${key}, type: String }) or fix the key `
                + `(defined: ${[...definitions.keys()].join(", ") || "none"})`];
        }

        return Array.isArray(value) && definition.multipleValues !== true
            ? [`${at}: attribute \`${key}\` holds a list, but its definition is single-valued; give one value or set \`multipleValues: true\` on the definition`]
            : [];
    });
}

/** A role's Pulumi resource name: `alice-on-sales`, `dan-on-connection-warehouse` (the reference as written, slugged). */
export function roleResourceName(owner: string, role: RosterRole): string {
    const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "x";
    return role.connection !== undefined ? `${owner}-on-connection-${slug(role.connection)}` : `${owner}-on-${slug(role.model ?? "")}`;
}

/** Exactly one target, a role name's shape, CONNECTION_ADMIN on a whole connection, one role per target. */
function roleProblems(roles: RosterRole[] | undefined, at: string, subject: "user" | "group"): string[] {
    const problems: string[] = [];
    const names = new Set<string>();
    (roles ?? []).forEach((role, j) => {
        const where = `${at}: roles[${j}]`;
        const kind = role.model !== undefined ? "model" : "connection";
        const target = role.model ?? role.connection;
        if ((role.model === undefined) === (role.connection === undefined)) {
            problems.push(`${where}: set exactly one of \`model\` (a model's name or id) and \`connection\` (a connection's name or id)`);
        } else if (target === undefined || target.trim() === "") {
            problems.push(`${where}: \`${kind}\` must be a name or an id`);
        } else if (names.has(roleResourceName("", role))) {
            problems.push(`${where}: ${kind} \`${target}\` is listed twice; one role per ${subject} and ${kind}`);
        } else {
            names.add(roleResourceName("", role));
        }

        const roles = `use one of ${baseRoles.join(", ")} (any letter case) or the name of a custom role defined in Omni (letters, digits and underscores)`;
        if (role.role.trim() === "") {
            problems.push(`${where}: \`role\` is required: ${roles}`);
        } else if (!referenceName.test(role.role)) {
            problems.push(`${where}: \`role\` \`${role.role}\` is not a role name: ${roles}`);
        } else {
            const base = baseRoles.find((r) => r === role.role.toUpperCase());
            if (role.connection !== undefined && role.model === undefined && base !== undefined && base !== "CONNECTION_ADMIN") {
                problems.push(`${where}: a role on a whole connection must be CONNECTION_ADMIN (or a custom role based on it), got ${role.role}; for ${base}, name a model instead`);
            }
        }
    });

    return problems;
}

/** A model or connection of Omni, as getModels / getConnections list it. */
export interface CatalogItem {
    id: string;
    name?: string;
}

/**
 * The id of the model (or connection) a role names: the item with that id, else the one item with that
 * name (any letter case). None, or several of that name, is an error naming the role and the fix.
 */
export function resolveTarget(items: readonly CatalogItem[], reference: string, kind: "model" | "connection", at: string): string {
    const byId = items.find((item) => item.id === reference);
    if (byId !== undefined) {
        return byId.id;
    }

    const byName = items.filter((item) => item.name !== undefined && item.name.toLowerCase() === reference.toLowerCase());
    if (byName.length === 1) {
        return byName[0].id;
    }

    if (byName.length > 1) {
        throw new RosterError(`${at}: ${kind} \`${reference}\` names ${byName.length} ${kind}s in Omni (ids ${byName.map((m) => m.id).join(", ")}); use the id of the one you mean`);
    }

    const known = items.map((item) => item.name).filter((n): n is string => n !== undefined && n !== "");
    throw new RosterError(`${at}: no ${kind} named \`${reference}\` in Omni; use a ${kind}'s exact name or its id (${kind}s: ${known.join(", ") || "none"})`);
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
