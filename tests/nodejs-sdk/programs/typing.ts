// Compile-time checks of the SDK's types: each @ts-expect-error line must be an error under --strict, or
// tsc fails with "Unused '@ts-expect-error' directive". Never run.
import * as pulumi from "@pulumi/pulumi";
import * as omni from "@pulumi/omni";

export function wrongUses(user: omni.User, group: omni.Group): void {
    // @ts-expect-error userName is a required input of User.
    new omni.User("no-user-name", { displayName: "No email" });
    // @ts-expect-error active is a boolean, not a string.
    new omni.User("wrong-type", { userName: "x@example.com", displayName: "X", active: "yes" });
    // @ts-expect-error memberIds is a list of ids, not one id.
    new omni.Group("one-id", { displayName: "G", memberIds: user.id });
    // @ts-expect-error a function's plain form takes plain values, not Outputs.
    omni.getUser({ id: user.id });
    // @ts-expect-error the members of a group are GroupMember objects, not strings.
    const names: pulumi.Output<string[]> = group.members;
    // @ts-expect-error emails is an output of User, not an input.
    new omni.User("with-emails", { userName: "y@example.com", displayName: "Y", emails: ["y@example.com"] });
    void names;
}

export function rightUses(user: omni.User): pulumi.Output<string | undefined>[] {
    const member: omni.types.output.GroupMember = { id: "usr-1" };
    const args: omni.GroupArgs = { displayName: "G", memberIds: [user.id, "usr-2", pulumi.output(member.id)] };
    const maybeAttributes: pulumi.Output<{[key: string]: any} | undefined> = user.attributes;
    void maybeAttributes;
    return [user.lastLogin, pulumi.output(args.displayName)];
}
