// Adopting an organisation that was set up by hand: an organisation made directly through SCIM
// (as admins and identity providers do), `bin/omni-roster export` run as a user runs it, and the
// emulator's write count, which proves an adoption changed nothing. Shared by `make demo` and the
// tests. A library, not a test.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot, scrubbedEnv } from './harness.mjs';

export const rosterBinary = process.env.OMNI_ROSTER_BIN ?? path.join(repoRoot, 'bin', 'omni-roster');

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eva', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea', 'Max'];
const LAST = ['Silva', 'Okafor', 'Dubois', 'Patel', 'Kowalski', "O'Neil", 'Nguyen', 'Schmidt'];
const DEPARTMENTS = ['Finance', 'Engineering', 'Sales', 'Support', 'R&D: Platform'];
const REGIONS = ['us-east', 'us-west', 'eu-west', 'ap-south'];

/**
 * `userCount` people (attributes of every kind, one pair with the same local part at two domains,
 * one inactive) and three groups, created through SCIM the way an admin's clicks would.
 * Returns { users: [{ id, userName, ... }], groups: [{ id, displayName, members }] }.
 */
export async function handMadeOrganisation(emulator, { userCount = 52 } = {}) {
  const users = [];
  for (let i = 0; i < userCount; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
    const domain = i === 1 ? 'contractors.example.org' : 'example.com';
    // Person 1 shares person 0's local part: the export must tell them apart by domain.
    const local = i === 1 ? users[0].userName.split('@')[0] : `${first}.${last}${i >= FIRST.length * LAST.length ? i : ''}`;
    const attributes = { department: DEPARTMENTS[i % DEPARTMENTS.length], level: 1 + (i % 5) };
    if (i % 3 === 0) attributes.region = REGIONS[i % REGIONS.length];
    if (i % 4 === 0) attributes.regions = i % 8 === 0 ? ['us', 'eu'] : ['apac'];
    users.push(await emulator.createUser({ userName: `${local.replace(/'/g, '')}@${domain}`, displayName: `${first} ${last}`, attributes }));
  }
  const inactive = users.at(-1);
  await emulator.patchUser(inactive.id, [{ op: 'replace', path: 'active', value: false }]);
  inactive.active = false;

  const active = users.filter((u) => u.active !== false);
  const groupsWanted = [
    ['Finance Analysts', active.filter((_, i) => i % 5 === 0)],
    ['Engineering', active.filter((_, i) => i % 5 === 1 || i % 7 === 0)],
    ['Everyone in Europe', active.filter((_, i) => i % 2 === 0)],
  ];
  const groups = [];
  for (const [displayName, members] of groupsWanted) {
    groups.push(await emulator.expectOk('POST', '/api/scim/v2/groups', {
      body: { displayName, members: members.map((m) => ({ value: m.id })) } }, 201));
  }
  return { users, groups, inactive };
}

/** Runs `bin/omni-roster export …` with OMNI_BASE_URL / OMNI_API_KEY set, as a user would. */
export function runRosterExport(args, { baseUrl, apiKey, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const childEnv = scrubbedEnv(env);
    if (baseUrl !== undefined) childEnv.OMNI_BASE_URL = baseUrl;
    if (apiKey !== undefined) childEnv.OMNI_API_KEY = apiKey;
    const child = spawn(rosterBinary, ['export', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.once('error', (e) => reject(new Error(`${rosterBinary} could not start (${e.message}): run \`make build\` first`)));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Requests that could have changed something in Omni: every counted route that is not a GET. */
export function writesIn(counters) {
  return Object.entries(counters.byRoute ?? {})
    .filter(([route]) => !route.startsWith('GET ') && route.includes(' /api/'))
    .reduce((sum, [, c]) => sum + c.total, 0);
}

/** The writes between two counter snapshots, by route, for a message that says what was sent. */
export function writesBetween(before, after) {
  const routes = {};
  for (const [route, c] of Object.entries(after.byRoute ?? {})) {
    if (route.startsWith('GET ') || !route.includes(' /api/')) continue;
    const n = c.total - (before.byRoute?.[route]?.total ?? 0);
    if (n > 0) routes[route] = n;
  }
  return routes;
}
