// Issue 14 through the built plugin, driven by Pulumi's own gRPC client: Cancel with writes on the wire,
// a plugin killed mid-create and the documented recovery, deep and hostile inputs, messages that count
// what was sent, import by userName in one request. Each test has its own emulator and plugin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, startPlugin, providerArgs, secret, uniqueEmail, urnOf, waitFor, grpc } from './harness.mjs';

const USERS = '/api/scim/v2/users';
const name = (prefix = 'r') => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
const statusName = (code) => Object.keys(grpc.status).find((k) => grpc.status[k] === code);

async function withStack(options, body) {
  const stack = await startStack(options);
  try {
    return await body(stack);
  } finally {
    await stack.close();
  }
}

async function checkAndCreate(plugin, resourceName, inputs) {
  const urn = urnOf(resourceName);
  const checked = await plugin.check({ urn, news: inputs });
  assert.deepEqual(checked.failures, [], `check failures for ${resourceName}`);
  return plugin.create({ urn, properties: checked.inputs });
}

// ---- 1. Cancel awaits the writes already on the wire ------------------------------------------

test('Cancel returns every create whose POST Omni had applied, and a create after Cancel sends nothing', async () => {
  await withStack({}, async ({ plugin, emulator }) => {
    // Omni applies each POST at once but answers 1.5 s later: the answers are on their way when Cancel comes.
    await emulator.addFault({ method: 'POST', path: USERS, latencyMs: 1500, phase: 'after' });
    const wanted = Array.from({ length: 10 }, (_, i) => ({ resourceName: name(`c${i}`), userName: uniqueEmail(`cancel${i}`) }));
    const checked = await Promise.all(wanted.map(async (w) =>
      (await plugin.check({ urn: urnOf(w.resourceName), news: { userName: w.userName, displayName: 'Cancel Test' } })).inputs));
    const creates = wanted.map((w, i) => plugin.create({ urn: urnOf(w.resourceName), properties: checked[i] }));
    await waitFor(async () => (await emulator.countOf(`POST ${USERS}`)) >= 0 && (await Promise.all(wanted.map((w) => emulator.findUsers(w.userName)))).every((u) => u.length === 1),
      { timeoutMs: 10000, what: 'Omni to hold all ten users' });

    await plugin.cancel();

    const results = await Promise.allSettled(creates);
    const orphans = [];
    for (const [i, r] of results.entries()) {
      const inOmni = (await emulator.findUsers(wanted[i].userName))[0];
      if (r.status !== 'fulfilled' || r.value.id !== inOmni?.id) orphans.push({ user: wanted[i].userName, result: r.reason?.details ?? r.value?.id });
    }
    assert.deepEqual(orphans, [], 'every user Omni created reached the engine with its id (0 orphans)');

    // A call after Cancel starts nothing and does not pretend a POST may have gone out.
    const postsBefore = await emulator.countOf(`POST ${USERS}`);
    await assert.rejects(
      plugin.create({ urn: urnOf(name('late')), properties: { userName: uniqueEmail('late'), displayName: 'Late', active: true, deletionMode: 'delete', adoptExisting: false } }),
      (err) => {
        assert.equal(statusName(err.code), 'CANCELLED', err.details);
        assert.doesNotMatch(err.details, /may already have been sent/);
        assert.match(err.details, /before it changed anything in Omni/);
        return true;
      });
    assert.equal(await emulator.countOf(`POST ${USERS}`), postsBefore, 'no POST after Cancel');
  });
});

// ---- 2. A killed plugin: the next run recovers every orphan by the documented steps -----------

test('SIGKILL with 20 creates in flight: a new plugin recovers every orphan (import or adoptExisting), 0 lost, 0 duplicated', async () => {
  await withStack({}, async ({ plugin, emulator, engine }) => {
    await emulator.addFault({ method: 'POST', path: USERS, latencyMs: 5000, phase: 'after' });
    const wanted = Array.from({ length: 20 }, (_, i) => ({ resourceName: name(`k${i}`), userName: uniqueEmail(`killed${i}`) }));
    const inputs = (w, extra = {}) => ({ userName: w.userName, displayName: 'Killed Run', ...extra });
    const inFlight = wanted.map((w) => checkAndCreate(plugin, w.resourceName, inputs(w)).catch((e) => e));
    await waitFor(async () => (await Promise.all(wanted.map((w) => emulator.findUsers(w.userName)))).every((u) => u.length === 1),
      { timeoutMs: 15000, what: 'Omni to hold all twenty users' });

    plugin.process.child.kill('SIGKILL');
    await plugin.process.exited;
    await Promise.all(inFlight);
    await emulator.clearFaults();

    // The next `pulumi up` (README, "After an interrupted pulumi up"): a new plugin, each resource created again.
    const next = await startPlugin({ engineAddress: engine.address });
    try {
      await next.handshake({ engineAddress: engine.address });
      await next.configure({ args: providerArgs(emulator) });
      const state = new Map();
      for (const [i, w] of wanted.entries()) {
        const urn = urnOf(w.resourceName);
        if (i % 2 === 0) {
          // Step 3a: the 409 names the likely cause and the exact import command; run it.
          const checked = await next.check({ urn, news: inputs(w) });
          const err = await next.create({ urn, properties: checked.inputs }).then(() => null, (e) => e);
          assert.ok(err, `create of ${w.userName} reports the existing user`);
          assert.match(err.details, /interrupted run/);
          const command = err.details.match(/`pulumi import omni:index:User (\S+) (\S+)`/);
          assert.ok(command, `the message has the import command: ${err.details}`);
          assert.equal(command[1], w.resourceName);
          const getsBefore = await emulator.countOf(`GET ${USERS}`);
          const imported = await next.read({ id: command[2], urn, properties: {}, inputs: {} });
          assert.equal(await emulator.countOf(`GET ${USERS}`) - getsBefore, 1, 'import by userName is one request');
          state.set(w.userName, imported.id);
        } else {
          // Step 3b: adoptExisting: true takes the user over in the same `pulumi up`.
          const created = await checkAndCreate(next, w.resourceName, inputs(w, { adoptExisting: true }));
          assert.equal(created.properties.adopted, true);
          state.set(w.userName, created.id);
        }
      }

      const { body } = await emulator.request('GET', `${USERS}?count=500`);
      const ours = body.Resources.filter((u) => wanted.some((w) => w.userName === u.userName));
      assert.equal(ours.length, 20, '0 duplicated: Omni holds each user once');
      const lost = wanted.filter((w) => state.get(w.userName) !== ours.find((u) => u.userName === w.userName)?.id);
      assert.deepEqual(lost, [], '0 lost: every user in Omni is in state under its id');
    } finally {
      await next.stop();
    }
  });
});

// ---- 3 and 4. Deep and hostile inputs: Check failures naming the property, never UNKNOWN ------

const nested = (depth) => { let v = 'leaf'; for (let i = 0; i < depth; i++) v = i % 2 ? { k: v } : [v]; return v; };

// Pulumi's JS client cannot serialise much past 1000 levels (its own stack); deeper values, up to the engine's
// 10 000 protobuf levels, are covered in process by Omni.Pulumi.Provider.Tests (DeepValueTests).
test('attribute values nested 32, 500 and 1000 levels deep get a CheckFailure naming the attribute', async () => {
  await withStack({}, async ({ plugin }) => {
    for (const depth of [32, 500, 1000]) {
      const result = await plugin.check({ urn: urnOf(name('deep')), news: { userName: uniqueEmail('deep'), displayName: 'Deep', attributes: { region: nested(depth) } } })
        .catch((err) => assert.fail(`depth ${depth}: gRPC ${statusName(err.code)} ${err.details}`));
      assert.ok(result.failures.some((f) => f.property === 'attributes.region'), `depth ${depth}: ${JSON.stringify(result.failures).slice(0, 300)}`);
    }
  });
});

test('hostile inputs are refused by Check naming the property, without echoing the value, and never UNKNOWN/INTERNAL', async () => {
  await withStack({}, async ({ plugin }) => {
    const mega = 'x'.repeat(1024 * 1024);
    const cases = [
      ['userName', { userName: `${mega}@example.com`, displayName: 'A' }],
      ['displayName', { userName: uniqueEmail('h'), displayName: mega }],
      ['attributes.region', { userName: uniqueEmail('h'), displayName: 'A', attributes: { region: mega } }],
      ['userName', { userName: 'nul\u0000byte@example.com', displayName: 'A' }],
      ['userName', { userName: secret('tab\tsecret-value@example.com'), displayName: 'A' }],
      ['displayName', { userName: uniqueEmail('h'), displayName: 'Ada\u0000Lovelace' }],
      ['displayName', { userName: uniqueEmail('h'), displayName: secret('Line\nsecret-name') }],
      ['attributes.region', { userName: uniqueEmail('h'), displayName: 'A', attributes: { region: 'us\u0000east' } }],
    ];
    for (const [property, news] of cases) {
      const { failures } = await plugin.check({ urn: urnOf(name('h')), news })
        .catch((err) => assert.fail(`${property}: gRPC ${statusName(err.code)} ${err.details}`));
      const failure = failures.find((f) => f.property === property);
      assert.ok(failure, `${property} refused: ${JSON.stringify(failures).slice(0, 300)}`);
      assert.ok(failure.reason.length < 400, `the reason is short, not the value: ${failure.reason.slice(0, 100)}…`);
      assert.doesNotMatch(failure.reason, /xxxxxxxx|secret-value|secret-name/);
    }
  });
});

test('the emulator refuses the same inputs as Check (userName and displayName alike)', async () => {
  await withStack({ configure: false }, async ({ emulator }) => {
    const bad = [
      { userName: 'nul\u0000byte@example.com', displayName: 'A' },
      { userName: 'tab\tname@example.com', displayName: 'A' },
      { userName: `${'u'.repeat(250)}@example.com`, displayName: 'A' },
      { userName: uniqueEmail('e'), displayName: 'Ada\u0000Lovelace' },
      { userName: uniqueEmail('e'), displayName: 'd'.repeat(256) },
      { userName: uniqueEmail('e'), displayName: 'A', 'urn:omni:params:1.0:UserAttribute': { region: 'r'.repeat(1025) } },
      { userName: uniqueEmail('e'), displayName: 'A', 'urn:omni:params:1.0:UserAttribute': { region: 'us\u0000east' } },
    ];
    for (const body of bad) {
      const res = await emulator.request('POST', USERS, { body });
      assert.equal(res.status, 400, `refused: ${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
    }
    const ok = await emulator.request('POST', USERS, { body: { userName: uniqueEmail('e'), displayName: 'd'.repeat(255), 'urn:omni:params:1.0:UserAttribute': { region: 'r'.repeat(1024) } } });
    assert.equal(ok.status, 201, 'at the limits is accepted');
  });
});

// ---- 5. Messages state what was sent and what is known -----------------------------------------

test('a create answered 502 three times says three attempts; a PATCH Omni applied then failed says it may have been applied', async () => {
  await withStack({ providerConfig: { maxRetries: 2 } }, async ({ plugin, emulator }) => {
    await emulator.addFault({ method: 'POST', path: USERS, status: 502, phase: 'before' });
    const urn = urnOf(name('m'));
    const inputs = (await plugin.check({ urn, news: { userName: uniqueEmail('msg'), displayName: 'Msg' } })).inputs;
    await assert.rejects(plugin.create({ urn, properties: inputs }), (err) => {
      assert.match(err.details, /each of 3 attempt\(s\)/);
      assert.doesNotMatch(err.details, /after 1 attempt/);
      return true;
    });
    assert.equal(await emulator.countOf(`POST ${USERS}`), 3);
    await emulator.clearFaults();

    const created = await plugin.create({ urn, properties: inputs });
    await emulator.addFault({ method: 'PATCH', path: USERS, status: 502, phase: 'after' });
    const news = { ...inputs, displayName: 'Renamed' };
    await assert.rejects(plugin.update({ id: created.id, urn, olds: created.properties, news, oldInputs: inputs }), (err) => {
      assert.equal(statusName(err.code), 'UNKNOWN', 'the engine must not assume nothing changed');
      assert.match(err.details, /may have applied the PATCH/);
      return true;
    });
    assert.equal((await emulator.getUser(created.id)).displayName, 'Renamed', 'Omni did apply it');
  });
});

// ---- issue 16, item 2: maintenance windows -----------------------------------------------------

test('a POST answered 503 with Retry-After (maintenance) is sent again after the wait, with no lookup and no duplicate', async () => {
  await withStack({}, async ({ plugin, emulator }) => {
    await emulator.addFault({ method: 'POST', path: USERS, status: 503, retryAfterSeconds: 1, count: 1 });
    const userName = uniqueEmail('maint');
    const created = await checkAndCreate(plugin, name('mw'), { userName, displayName: 'Maintenance' });
    assert.ok(created.id);
    assert.equal(await emulator.countOf(`POST ${USERS}`), 2);
    assert.equal(await emulator.countOf(`GET ${USERS}`), 0, 'a maintenance 503 was not processed: nothing to look up');
    assert.equal((await emulator.findUsers(userName)).length, 1);
  });
});
