// The Omni organisation's members and groups from users.yaml, reviewed in pull requests.
// `pulumi config set roster path/to/users.yaml` points the stack at another roster.
import * as pulumi from "@pulumi/pulumi";
import { loadRoster } from "./roster";
import { defineRoster } from "./rosterProgram";

const rosterPath = new pulumi.Config().get("roster") ?? "../gitops/users.yaml";
const roster = defineRoster(loadRoster(rosterPath));

export const userIds = roster.userIds;
export const userCount = roster.userCount;
export const groupIds = roster.groupIds;
export const attributeIds = roster.attributeIds;
export const roleIds = roster.roleIds;
