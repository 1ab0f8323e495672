// Drives confluence.js, a Confluence Cloud client written outside this project, against a site (the sandbox) and
// fails on the first response that its schemas, derived from Atlassian's OpenAPI specs, reject.
//
//   CONFLUENCE_URL=http://127.0.0.1:8080 CONFLUENCE_EMAIL=admin@example.com \
//   CONFLUENCE_API_TOKEN=sandbox-admin-token node check.mjs
//
// The site must be in the ROLES or ROLES_TRANSITION mode. The check assigns a role to one group that has none in
// the first space and removes it again, and creates and deletes one group, so the site ends as it started.
// It prints one line per check and exits 1 on the first failure, 2 on missing settings.

import assert from 'node:assert/strict';
import { inspect } from 'node:util';

const settings = Object.fromEntries(
  ['CONFLUENCE_URL', 'CONFLUENCE_EMAIL', 'CONFLUENCE_API_TOKEN'].map(name => [name, process.env[name] ?? '']),
);
for (const [name, value] of Object.entries(settings)) {
  if (value === '') {
    console.error(`check.mjs: set ${name} (CONFLUENCE_URL, CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN are all required)`);
    process.exit(2);
  }
}

// confluence.js validates every response that has a schema and throws SchemaMismatchError when it does not match;
// that cannot be turned off. Its schemas are lenient by default, though: objects let unknown keys through and enums
// accept any string, so that a field Atlassian adds never breaks a caller. AUDIT_SCHEMAS=true, its own switch for
// comparing schemas with a live API, makes objects strict and enums closed; the client then records those gaps in a
// global collection instead of throwing, and each check below fails when one was recorded. The schemas read the
// switch when they are built, so it is set before the package is imported.
process.env.AUDIT_SCHEMAS = 'true';
const { createClient } = await import('confluence.js/core');
const { createV1Client, createV2Client } = await import('confluence.js');

// The collection has no export; confluence.js keeps it under this global symbol so that two copies of the package
// in one process share it (core/schemaAudit.js).
const driftStore = Symbol.for('apis-code-gen.schemaAudit');
const drift = () => globalThis[driftStore] ?? [];

// Keys that Atlassian's specs document but confluence.js's schemas leave out: serving them is right, so they are
// not drift. Each entry names the endpoint (a pattern over "METHOD path"), the path inside the body, and the key.
const schemaGaps = [
  // getSpaceRolesById: the v2 spec's 200 is allOf [SpaceRole, {_links: {base}}]; confluence.js keeps SpaceRole.
  { endpoint: /^GET \/wiki\/api\/v2\/space-roles\/[^/]+$/, path: '', key: '_links' },
];

function undocumented(finding) {
  if (finding.kind !== 'keys') return [finding];
  const keys = finding.keys.filter(
    key => !schemaGaps.some(gap => gap.endpoint.test(finding.endpoint) && gap.path === finding.path && gap.key === key),
  );
  return keys.length === 0 ? [] : [{ ...finding, keys }];
}

let passed = 0;

// check runs one call and its assertions; fn returns [value, summary].
async function check(name, fn) {
  const seen = drift().length;
  let value;
  let summary;
  try {
    [value, summary] = await fn();
    const found = drift().slice(seen).flatMap(undocumented);
    if (found.length > 0) {
      throw new Error(`the response has what the schema does not document:\n${inspect(found, { depth: 5 })}`);
    }
  } catch (error) {
    fail(name, error);
  }
  passed++;
  console.log(`ok   ${name}${summary ? `: ${summary}` : ''}`);
  return value;
}

function fail(name, error) {
  console.log(`FAIL ${name}`);
  console.log(inspect(error, { depth: 8 })); // with the response body and zod's issues, when there are any
  process.exit(1);
}

// One client, with basic auth, drives both APIs; creating it validates the settings (the URL, the email).
let client;
try {
  client = createClient({
    host: settings.CONFLUENCE_URL,
    auth: { type: 'basic', email: settings.CONFLUENCE_EMAIL, apiToken: settings.CONFLUENCE_API_TOKEN },
  });
} catch (error) {
  fail('client settings', error);
}
const v1 = createV1Client(client);
const v2 = createV2Client(client);

// The v2 schemas make every property optional, as Atlassian's v2 spec marks none required. These are the fields
// Cloud is documented to serve (the project's API reference notes: atlassian-api.md §3, space-roles.md §2.2), so a
// v2 response without them fails here.
function requireFields(object, fields, where) {
  for (const field of fields) {
    assert.ok(object?.[field] !== undefined && object[field] !== null, `${where} has no ${field}: ${inspect(object)}`);
  }
}

const spaceFields = ['id', 'key', 'name', 'type', 'status', 'authorId', 'createdAt', 'homepageId', 'spaceOwnerId'];
const roleFields = ['id', 'type', 'name', 'description', 'spacePermissions'];

// v2 spaces

const spaces = await check('v2 getSpaces', async () => {
  const page = await v2.space.getSpaces({ limit: 250 });
  assert.ok(page.results?.length > 0, 'no spaces');
  page.results.forEach((s, i) => requireFields(s, spaceFields, `spaces[${i}]`));
  return [page.results, `${page.results.length} spaces`];
});
const space = spaces[0];

await check('v2 getSpaces by key', async () => {
  const page = await v2.space.getSpaces({ keys: [space.key] });
  assert.deepEqual(page.results?.map(s => s.id), [space.id]);
  return [page, space.key];
});

await check('v2 getSpaceById', async () => {
  const got = await v2.space.getSpaceById({ id: space.id, descriptionFormat: 'plain', includeIcon: true });
  requireFields(got, spaceFields, 'space');
  assert.equal(got.key, space.key);
  return [got, `${got.key} (${got.id})`];
});

await check('v2 getSpacePermissionsAssignments', async () => {
  const page = await v2.spacePermissions.getSpacePermissionsAssignments({ id: space.id, limit: 250 });
  assert.ok(Array.isArray(page.results), 'no results');
  return [page, `${page.results.length} permissions in ${space.key}`];
});

// v2 space roles

await check('v2 getSpaceRoleMode', async () => {
  const { mode } = await v2.spaceRoles.getSpaceRoleMode();
  assert.ok(mode === 'ROLES' || mode === 'ROLES_TRANSITION', `the site's mode is ${mode}; roles need ROLES or ROLES_TRANSITION`);
  return [mode, mode];
});

const roles = await check('v2 getAvailableSpaceRoles', async () => {
  const page = await v2.spaceRoles.getAvailableSpaceRoles({ limit: 250 });
  assert.ok(page.results?.length > 0, 'no roles');
  page.results.forEach((r, i) => requireFields(r, roleFields, `roles[${i}]`));
  return [page.results, page.results.map(r => `${r.name} (${r.type})`).join(', ')];
});

// Role names are localized; the one named Viewer in English, else the first, is only a choice of role to assign.
const role = roles.find(r => r.name === 'Viewer') ?? roles[0];

await check('v2 getAvailableSpaceRoles for a space', async () => {
  const page = await v2.spaceRoles.getAvailableSpaceRoles({ spaceId: space.id, roleType: 'SYSTEM' });
  assert.ok(page.results?.every(r => r.type === 'SYSTEM'), 'a role of another type');
  return [page, `${page.results.length} SYSTEM roles in ${space.key}`];
});

await check('v2 getSpaceRolesById', async () => {
  const got = await v2.spaceRoles.getSpaceRolesById({ id: role.id });
  requireFields(got, roleFields, 'role');
  for (const field of roleFields) assert.deepEqual(got[field], role[field], `${field} differs from the catalogue's`);
  return [got, `${got.name} ${got.id}`];
});

const assignments = await check('v2 getSpaceRoleAssignments', async () => {
  const page = await v2.spaceRoles.getSpaceRoleAssignments({ id: space.id, limit: 250 });
  assert.ok(page.results?.length > 0, `no assignments in ${space.key}`);
  page.results.forEach((a, i) => {
    requireFields(a, ['principal', 'roleId'], `assignments[${i}]`);
    requireFields(a.principal, ['principalType', 'principalId'], `assignments[${i}].principal`);
  });
  return [page.results, `${page.results.length} in ${space.key}`];
});

// v1 groups and users

const groups = await check('v1 getGroups', async () => {
  const page = await v1.group.getGroups({ limit: 200 });
  assert.ok(page.results.length > 0, 'no groups');
  return [page.results, `${page.results.length} groups`];
});

const assigned = new Set(assignments.filter(a => a.principal.principalType === 'GROUP').map(a => a.principal.principalId));
const group = groups.find(g => !assigned.has(g.id));
assert.ok(group, `every group has a role in ${space.key}; the check needs one without`);

await check('v1 getGroupByGroupId', async () => {
  const got = await v1.group.getGroupByGroupId({ id: group.id });
  assert.equal(got.name, group.name);
  return [got, `${got.name} ${got.id}`];
});

await check('v1 searchGroups', async () => {
  const page = await v1.group.searchGroups({ query: group.name });
  assert.ok(page.results.some(g => g.id === group.id), `the picker misses ${group.name}`);
  return [page, `${page.results.length} for "${group.name}"`];
});

const members = await check('v1 getGroupMembersByGroupId', async () => {
  const page = await v1.group.getGroupMembersByGroupId({ groupId: group.id, limit: 200 });
  return [page.results, `${page.results.length} members of ${group.name}`];
});

const me = await check('v1 getCurrentUser', async () => {
  const got = await v1.users.getCurrentUser();
  requireFields(got, ['accountId', 'accountType', 'displayName'], 'user');
  return [got, got.accountId];
});

await check('v1 getUser', async () => {
  const got = await v1.users.getUser({ accountId: me.accountId });
  assert.equal(got.accountId, me.accountId);
  return [got, got.displayName];
});

await check('v1 getBulkUserLookup', async () => {
  const ids = [...new Set([me.accountId, ...members.map(m => m.accountId)])].slice(0, 10);
  // accountId is typed as one string, as in the spec's schema (whose description calls it a list), but the API
  // takes it repeated (accountId=a&accountId=b), which is what confluence.js makes of an array.
  const page = await v1.users.getBulkUserLookup({ accountId: ids });
  assert.deepEqual(page.results.map(u => u.accountId).sort(), ids.sort());
  return [page, `${page.results.length} users`];
});

await check('v1 getGroupMembershipsForUser', async () => {
  const page = await v1.users.getGroupMembershipsForUser({ accountId: me.accountId });
  assert.ok(page.results.length > 0, 'the caller is in no group');
  return [page, `${page.results.length} groups`];
});

await check('v1 searchUser', async () => {
  const page = await v1.search.searchUser({ cql: 'type=user', limit: 5 });
  assert.ok(page.results.length > 0, 'no users');
  return [page, `${page.results.length} of ${page.totalSize}`];
});

// Writes: one group created and deleted, one role assigned and removed.

await check('v1 createGroup and removeGroupById', async () => {
  const created = await v1.group.createGroup({ name: 'conformance-confluencejs' });
  assert.equal(created.name, 'conformance-confluencejs');
  await v1.group.removeGroupById({ id: created.id });
  return [created, created.id];
});

// confluence.js types setSpaceRoleAssignments' body as an object (z.record) and sends whatever it is given;
// Atlassian's spec and Cloud take a JSON array of {principal, roleId?}, so the array is passed as it is. Its `id`
// is typed as a number while space ids are numeric strings; the path is the same either way.
const principal = { principalType: 'GROUP', principalId: group.id };

await check('v2 setSpaceRoleAssignments (assign)', async () => {
  const set = await v2.spaceRoles.setSpaceRoleAssignments({ id: space.id, body: [{ principal, roleId: role.id }] });
  assert.ok(Array.isArray(set.results), 'no results');
  return [set, `${group.name} is ${role.name} in ${space.key}`];
});

await check('v2 getSpaceRoleAssignments (read back)', async () => {
  const page = await v2.spaceRoles.getSpaceRoleAssignments({
    id: space.id,
    principalType: 'GROUP',
    principalId: group.id,
    limit: 250,
  });
  assert.deepEqual(page.results, [{ principal, roleId: role.id }]);
  return [page, `${group.name}: ${role.name}`];
});

await check('v2 setSpaceRoleAssignments (remove)', async () => {
  const set = await v2.spaceRoles.setSpaceRoleAssignments({ id: space.id, body: [{ principal }] });
  assert.ok(Array.isArray(set.results), 'no results');
  const page = await v2.spaceRoles.getSpaceRoleAssignments({
    id: space.id,
    principalType: 'GROUP',
    principalId: group.id,
  });
  assert.deepEqual(page.results, []);
  return [set, `${group.name} has no role in ${space.key}`];
});

console.log(`confluence.js accepted every response (${passed} checks)`);
