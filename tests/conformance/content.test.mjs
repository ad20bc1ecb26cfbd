// omni:index:Folder, FolderPermission, DocumentPermission and Label, and the getFolder / getLabels
// functions, through the plugin binary, driven by Pulumi's own ResourceProviderClient against the
// emulator as the engine would: Check, Create, Diff, Update, Read (refresh, and import with empty
// Structs), Delete, Invoke.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, urnOf, DiffChanges, providerPb, toStruct, fromStruct, uniqueName, checkAndCreate } from './harness.mjs';

const FOLDER = 'omni:index:Folder';
const FOLDER_PERMISSION = 'omni:index:FolderPermission';
const DOCUMENT_PERMISSION = 'omni:index:DocumentPermission';
const LABEL = 'omni:index:Label';
const SAMPLE_DOCUMENT = 'sample-dashboard';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

const name = uniqueName;
/** Check then Create, as `pulumi up` does for a new resource. */
const create = (type, inputs, resourceName = name('r')) => checkAndCreate(stack.plugin, type, inputs, resourceName);

const importOf = (type, id) => stack.plugin.read({ id, urn: urnOf(name('imported'), type), properties: {}, inputs: {} });
const folderInOmni = async (id) => {
  const page = await stack.emulator.expectOk('GET', '/api/v1/folders?pageSize=100', {}, 200);
  return page.records.find((f) => f.id === id);
};
const folderPermits = async (id) => (await stack.emulator.expectOk('GET', `/api/v1/folders/${id}/permissions`, {}, 200)).permits;

async function invoke(tok, args = {}) {
  const req = new providerPb.InvokeRequest();
  req.setTok(tok);
  req.setArgs(toStruct(args));
  const res = await stack.plugin.rpc.invoke(req);
  return { return: fromStruct(res.getReturn()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
}

test('folder: create a tree, rename in place, parent change replaces, drift, import by path, non-empty delete refused, forceDestroy, getFolder', async () => {
  const top = await create(FOLDER, { name: name('Finance') });
  const child = await create(FOLDER, { name: 'Q1 Reports', parentFolderId: top.id, path: 'q1' });
  assert.equal(child.outputs.fullPath, `${top.outputs.path}/q1`);
  assert.equal(child.outputs.scope, 'organization');

  const rename = { ...child.inputs, name: 'First Quarter' };
  const diff = await stack.plugin.diff({ id: child.id, urn: child.urn, olds: child.outputs, oldInputs: child.inputs, news: rename });
  assert.deepEqual(diff.diffs, ['name']);
  assert.deepEqual(diff.replaces, [], 'a rename is in place');
  const updated = await stack.plugin.update({ id: child.id, urn: child.urn, olds: child.outputs, oldInputs: child.inputs, news: rename });
  assert.equal((await folderInOmni(child.id)).name, 'First Quarter');

  const other = await create(FOLDER, { name: name('Other') });
  const move = await stack.plugin.diff({ id: child.id, urn: child.urn, olds: updated.properties, oldInputs: rename, news: { ...rename, parentFolderId: other.id } });
  assert.deepEqual(move.replaces, ['parentFolderId'], 'Omni cannot move folders: a new parent replaces');

  // Renamed in Omni's UI: refresh reports it as drift.
  await stack.emulator.expectOk('PATCH', `/api/v1/folders/${child.id}`, { body: { name: 'Renamed In UI' } }, 200);
  const refreshed = await stack.plugin.read({ id: child.id, urn: child.urn, properties: updated.properties, inputs: rename });
  assert.equal(refreshed.inputs.name, 'Renamed In UI');
  const drift = await stack.plugin.diff({ id: child.id, urn: child.urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: rename });
  assert.deepEqual(drift.diffs, ['name']);

  const imported = await importOf(FOLDER, child.outputs.fullPath);
  assert.equal(imported.id, child.id, 'import by full path');
  assert.deepEqual({ ...imported.inputs }, { name: 'Renamed In UI', parentFolderId: top.id, path: 'q1', scope: 'organization', forceDestroy: false });

  const byPath = await invoke('omni:index:getFolder', { path: child.outputs.fullPath });
  assert.deepEqual(byPath.failures, []);
  assert.equal(byPath.return.id, child.id);

  await stack.emulator.expectOk('POST', '/__emulator/documents', { body: { name: 'Revenue', folderId: child.id }, auth: false }, 201);
  await assert.rejects(stack.plugin.delete({ id: child.id, urn: child.urn, properties: refreshed.properties }),
    (err) => /not empty/.test(err.details) && /forceDestroy: true/.test(err.details));
  assert.ok(await folderInOmni(child.id), 'a refused delete leaves the folder');
  await stack.plugin.delete({ id: child.id, urn: child.urn, properties: { ...refreshed.properties, forceDestroy: true } });
  assert.equal(await folderInOmni(child.id), undefined);
  await stack.plugin.delete({ id: child.id, urn: child.urn, properties: refreshed.properties }); // already gone: done
  const gone = await stack.plugin.read({ id: child.id, urn: child.urn, properties: refreshed.properties, inputs: rename });
  assert.equal(gone.id, '');
});

test('folder permission: group grant, drift from the UI, update in place, import, revoke, delete twice', async () => {
  const folder = await create(FOLDER, { name: name('Shared') });
  const groupName = name('Analysts');
  const group = await stack.emulator.expectOk('POST', '/api/scim/v2/groups',
    { body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: groupName, members: [] } }, 201);

  const grant = await create(FOLDER_PERMISSION, { folderId: folder.id, groupId: group.id, role: 'VIEWER' });
  assert.equal(grant.id, `${folder.id}/group/${group.id}`);
  assert.equal((await folderPermits(folder.id)).find((p) => p.name === groupName).role, 'VIEWER');

  await stack.emulator.expectOk('PATCH', `/api/v1/folders/${folder.id}/permissions`, { body: { userGroupIds: [group.id], role: 'MANAGER' } }, 200);
  const refreshed = await stack.plugin.read({ id: grant.id, urn: grant.urn, properties: grant.outputs, inputs: grant.inputs });
  assert.equal(refreshed.inputs.role, 'MANAGER');
  const drift = await stack.plugin.diff({ id: grant.id, urn: grant.urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: grant.inputs });
  assert.equal(drift.changes, DiffChanges.DIFF_SOME);
  assert.deepEqual(drift.diffs, ['role']);
  assert.deepEqual(drift.replaces, []);
  await stack.plugin.update({ id: grant.id, urn: grant.urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: grant.inputs });
  assert.equal((await folderPermits(folder.id)).find((p) => p.name === groupName).role, 'VIEWER');

  const imported = await importOf(FOLDER_PERMISSION, grant.id);
  assert.deepEqual({ ...imported.inputs }, { folderId: folder.id, groupId: group.id, role: 'VIEWER', accessBoost: false });

  await stack.plugin.delete({ id: grant.id, urn: grant.urn, properties: grant.outputs });
  assert.equal((await folderPermits(folder.id)).find((p) => p.name === groupName), undefined);
  await stack.plugin.delete({ id: grant.id, urn: grant.urn, properties: grant.outputs }); // already revoked: done
  const gone = await stack.plugin.read({ id: grant.id, urn: grant.urn, properties: grant.outputs, inputs: grant.inputs });
  assert.equal(gone.id, '');
});

test('document permission: user grant on a document, refresh, import, delete', async () => {
  const user = await stack.emulator.createUser({ userName: `doc.${Math.random().toString(36).slice(2, 8)}@example.com`, displayName: 'Doc Reader' });
  const grant = await create(DOCUMENT_PERMISSION, { documentId: SAMPLE_DOCUMENT, userId: user.id, role: 'EDITOR', accessBoost: true });
  assert.equal(grant.id, `${SAMPLE_DOCUMENT}/user/${user.id}`);

  const refreshed = await stack.plugin.read({ id: grant.id, urn: grant.urn, properties: grant.outputs, inputs: grant.inputs });
  const none = await stack.plugin.diff({ id: grant.id, urn: grant.urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: grant.inputs });
  assert.equal(none.changes, DiffChanges.DIFF_NONE);
  const imported = await importOf(DOCUMENT_PERMISSION, grant.id);
  assert.deepEqual({ ...imported.inputs }, { documentId: SAMPLE_DOCUMENT, userId: user.id, role: 'EDITOR', accessBoost: true });

  await stack.plugin.delete({ id: grant.id, urn: grant.urn, properties: grant.outputs });
  const gone = await stack.plugin.read({ id: grant.id, urn: grant.urn, properties: grant.outputs, inputs: grant.inputs });
  assert.equal(gone.id, '');
});

test('label: create, rename in place, drift, import by name in any case, getLabels, delete twice', async () => {
  const labelName = `L${Math.random().toString(36).slice(2, 8)}`;
  const label = await create(LABEL, { name: labelName, color: '#0366d6' });
  assert.equal(label.id, labelName);

  const renamed = { ...label.inputs, name: `${labelName}x` };
  const diff = await stack.plugin.diff({ id: label.id, urn: label.urn, olds: label.outputs, oldInputs: label.inputs, news: renamed });
  assert.deepEqual(diff.replaces, [], 'a rename is in place');
  const updated = await stack.plugin.update({ id: label.id, urn: label.urn, olds: label.outputs, oldInputs: label.inputs, news: renamed });
  assert.equal((await stack.emulator.request('GET', `/api/v1/labels/${encodeURIComponent(labelName)}`)).status, 404);

  await stack.emulator.expectOk('PUT', `/api/v1/labels/${encodeURIComponent(renamed.name)}`, { body: { color: '#ff0000' } }, 200);
  const refreshed = await stack.plugin.read({ id: label.id, urn: label.urn, properties: updated.properties, inputs: renamed });
  assert.equal(refreshed.id, renamed.name, 'read follows the name in state');
  assert.equal(refreshed.inputs.color, '#ff0000');

  const imported = await importOf(LABEL, renamed.name.toUpperCase());
  assert.equal(imported.id, renamed.name);
  assert.deepEqual({ ...imported.inputs }, { name: renamed.name, color: '#ff0000', homepage: false, verified: false });

  const listed = await invoke('omni:index:getLabels');
  assert.ok(listed.return.labels.some((l) => l.name === renamed.name && l.usageCount === 0));

  await stack.plugin.delete({ id: label.id, urn: label.urn, properties: updated.properties });
  assert.equal((await stack.emulator.request('GET', `/api/v1/labels/${encodeURIComponent(renamed.name)}`)).status, 404);
  await stack.plugin.delete({ id: label.id, urn: label.urn, properties: updated.properties }); // already gone: done
});
