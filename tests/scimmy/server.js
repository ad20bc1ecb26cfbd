// An independent SCIM 2.0 server for the Omni.Client tests: scimmy + scimmy-routers on loopback.
// Prints the port it listens on as the first stdout line. Bearer token from SCIM_TOKEN.
// It checks RFC 7644 mechanics (PatchOp engine, filters, error bodies, 204 on no-op PATCH, paging);
// it is not a model of Omni (see docs: scim-and-resilience.md §1).
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";

const TOKEN = process.env.SCIM_TOKEN;
if (!TOKEN) {
    console.error("SCIM_TOKEN must be set");
    process.exit(2);
}

// Omni's attribute extension. SCIMMY insists that schema ids start with urn:ietf:params:scim:schemas:,
// so it is built under such an id and then renamed to Omni's URN (workaround 0, from the docs).
const omniAttributes = new SCIMMY.Types.SchemaDefinition("UserAttribute", "urn:ietf:params:scim:schemas:extension:omni:UserAttribute",
    "Omni user attributes (string-typed in this server)", [
        new SCIMMY.Types.Attribute("string", "region"),
        new SCIMMY.Types.Attribute("string", "regions", {multiValued: true}),
    ]);
omniAttributes.id = "urn:omni:params:1.0:UserAttribute";
SCIMMY.Resources.User.extend(omniAttributes, false);

const users = new Map();
let nextId = 1;
const now = () => new Date().toISOString();
const sameName = (a, b) => String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase();

SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .ingress((resource, instance) => {
        const body = JSON.parse(JSON.stringify(instance));
        const id = resource.id ?? String(nextId++).padStart(8, "0");
        const existing = users.get(id);
        if (resource.id && !existing) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        for (const other of users.values()) {
            if (other.id !== id && sameName(other.userName, body.userName)) {
                throw new SCIMMY.Types.Error(409, "uniqueness", `userName ${body.userName} is already taken`);
            }
        }
        const stored = {...body, id, meta: {created: existing?.meta.created ?? now(), lastModified: now()}};
        users.set(id, stored);
        return stored;
    })
    .egress((resource, ctx) => {
        if (resource.id) {
            const user = users.get(resource.id);
            if (!user) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
            return user;
        }
        const all = [...users.values()];
        const raw = ctx?.filter;
        if (!raw) return all;
        // Workaround 4: SCIMMY's eq is case-sensitive; userName is caseExact=false (RFC 7643 §4.1.1).
        const userNameEq = /^\s*userName\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i.exec(raw);
        if (userNameEq) return all.filter(u => sameName(u.userName, JSON.parse(userNameEq[1])));
        // Workaround 3: matching item by item, so one user lacking a complex attribute cannot fail the whole list.
        return all.filter(u => { try { return resource.filter.match([u]).length > 0; } catch { return false; } });
    })
    .degress((resource) => {
        if (!users.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
    });

const app = express();
app.set("etag", false);
// Workaround 1: Express 5 makes req.query immutable (scimmy-routers#36), so paging was ignored; parse and cast here.
app.set("query parser", (qs) => {
    const query = Object.fromEntries(new URLSearchParams(qs));
    for (const key of ["startIndex", "count"]) if (key in query && query[key] !== "") query[key] = Number(query[key]);
    return query;
});
// Workaround 2: past the end SCIMMY answers page 1 again and repeats count as itemsPerPage; make both honest.
app.use((req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body) => {
        if (body && Array.isArray(body.schemas) && body.schemas.includes("urn:ietf:params:scim:api:messages:2.0:ListResponse")) {
            if (body.startIndex > body.totalResults) body.Resources = [];
            body.itemsPerPage = (body.Resources ?? []).length;
        }
        return json(body);
    };
    next();
});
app.use("/api/scim/v2", new SCIMMYRouters({
    type: "bearer",
    handler: (req) => {
        if (req.header("Authorization") !== `Bearer ${TOKEN}`) throw new Error("Invalid bearer token");
        return "api-client";
    },
    context: (req) => ({filter: req.query.filter}),
}));

const server = app.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
