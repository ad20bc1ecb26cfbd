// A program as a team would write it with @pulumi/omni: users with attributes, a group whose members are
// the users' ids, an additive membership, a lookup of an existing user, and every function, in both forms.
import * as pulumi from "@pulumi/pulumi";
import * as omni from "@pulumi/omni";

export const alice = new omni.User("alice", {
    userName: "alice@example.com",
    displayName: "Alice Martin",
    attributes: { region: "us-east", level: "3", regions: ["us", "eu"] },
});

export const bob = new omni.User("bob", {
    userName: "bob@example.com",
    displayName: pulumi.secret("Bob Okafor"),
    active: false,
    deletionMode: "deactivate",
    adoptExisting: true,
});

// The users' ids are Outputs: the engine creates the group after both users exist.
export const analysts = new omni.Group("analysts", {
    displayName: "Analysts",
    memberIds: [alice.id, bob.id],
});

export const aliceInEngineering = new omni.GroupMembership("alice-in-engineering", {
    groupId: "grp-engineering",
    userId: alice.id,
});

// Adopted into the program by id, not managed: a read, not a registration.
export const existing = omni.User.get("existing", "usr-existing");

export const aliceByName = omni.getUserOutput({ userName: alice.userName });
export const analystsById = omni.getGroupOutput({ id: analysts.id });
export const filtered = omni.getUsersOutput({ filter: 'userName eq "bob@example.com"' });
export const attributeNames = omni.getUserAttributesOutput().apply((result) => result.attributes.map((a) => a.name));
export const directLookup: Promise<omni.GetUserResult> = omni.getUser({ id: "usr-direct" });

export const memberCount = analysts.members.apply((members) => members.length);
export const aliceIsUser = omni.User.isInstance(alice);
export const analystsIsUser = omni.User.isInstance(analysts);
