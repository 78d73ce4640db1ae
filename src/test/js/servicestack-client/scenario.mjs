// ServiceStack's own JavaScript client (@servicestack/client) against the billing reports service,
// as an application would use it: request DTOs on the client's default pre-defined routes (/api/{Dto}).
// Run by ServiceStackJsClientTest with BASE_URL, USER_NAME, PASSWORD, ACCOUNT_ID and API_KEY set;
// prints one line per step and exits non-zero at the first step that does not hold.
import assert from 'node:assert/strict';
import { JsonServiceClient, ApiResult } from '@servicestack/client';

const { BASE_URL, USER_NAME, PASSWORD, ACCOUNT_ID, API_KEY } = process.env;

// Request DTOs as ServiceStack's "Add ServiceStack Reference" writes them for TypeScript.
class Dto {
    constructor(init) { Object.assign(this, init); }
}
class Authenticate extends Dto {
    getTypeName() { return 'Authenticate'; } getMethod() { return 'POST'; } createResponse() { return {}; }
}
class BillingReport extends Dto {
    getTypeName() { return 'BillingReport'; } getMethod() { return 'POST'; } createResponse() { return {}; }
}
class GetReport extends Dto {
    getTypeName() { return 'GetReport'; } getMethod() { return 'GET'; } createResponse() { return {}; }
}
class ListReports extends Dto {
    getTypeName() { return 'ListReports'; } getMethod() { return 'GET'; } createResponse() { return {}; }
}
class RerunReport extends Dto {
    getTypeName() { return 'RerunReport'; } getMethod() { return 'POST'; } createResponse() { return {}; }
}
class DeleteReport extends Dto {
    getTypeName() { return 'DeleteReport'; } getMethod() { return 'DELETE'; } createResponse() { }
}

function step(name) {
    console.log(`step: ${name}`);
}

// 1. Sign in with the Authenticate DTO; the client keeps the session cookies itself.
const client = new JsonServiceClient(BASE_URL);
const auth = await client.post(new Authenticate({
    provider: 'credentials', userName: USER_NAME, password: PASSWORD, rememberMe: true }));
assert.equal(auth.userName, USER_NAME);
assert.deepEqual(auth.roles, ['Manager']);
assert.ok(client.cookies['ss-pid'], 'the client kept ss-pid');
step('signed in');

// 2. Post BillingReport on the client's default route, /api/BillingReport.
const created = await client.post(new BillingReport({
    accountId: ACCOUNT_ID, startDate: '2026-07-01', endDate: '2026-07-31', includeCustomerIds: true }));
assert.equal(created.accountId, ACCOUNT_ID);
assert.ok(['Queued', 'Running', 'Completed'].includes(created.status), created.status);
step(`created ${created.id}`);

// 3. Poll it with GET /api/GetReport?id=… until it has ended.
let report = created;
for (let tries = 0; report.status !== 'Completed' && report.status !== 'Error'; tries++) {
    assert.ok(tries < 600, 'the report ends within a minute');
    await new Promise(resolve => setTimeout(resolve, 100));
    report = await client.get(new GetReport({ id: created.id }));
}
assert.equal(report.status, 'Completed', report.statusMessage);
assert.match(report.statusMessage, /^2 customers, 3 calls, total /);
step(`completed: ${report.statusMessage}`);

// 3b. Rerun it as version 2 with the RerunReport DTO; GetReport goes on showing version 1, completed, until
// version 2 has completed.
const rerun = await client.post(new RerunReport({ id: created.id }));
assert.equal(rerun.id, created.id);
assert.equal(rerun.version, 2);
for (let tries = 0; report.version !== 2; tries++) {
    assert.ok(tries < 600, 'version 2 completes within a minute');
    assert.equal(report.status, 'Completed', 'a finished report stays finished while it is rerun');
    await new Promise(resolve => setTimeout(resolve, 100));
    report = await client.get(new GetReport({ id: created.id }));
}
assert.equal(report.status, 'Completed', report.statusMessage);
assert.equal(report.versions, 2);
assert.equal(report.outOfDate, false);
step('rerun as version 2');

// 4. List: the same report, through send(), which takes the verb from the DTO.
const listed = await client.send(new ListReports({ accountId: ACCOUNT_ID }));
assert.ok(listed.reports.some(r => r.id === created.id), 'listed');
step('listed');

// 5. A validation error: the client throws the body; api() gives an ApiResult with the field errors.
try {
    await client.post(new BillingReport({ accountId: ACCOUNT_ID, startDate: '2026-07-31', endDate: '2026-07-01' }));
    assert.fail('an end before the start is refused');
}
catch (e) {
    assert.ok(e.responseStatus, JSON.stringify(e));
    assert.equal(e.responseStatus.errorCode, 'GreaterThanOrEqual');
    assert.equal(e.responseStatus.errors[0].fieldName, 'endDate');
}
const result = await client.api(new BillingReport({ accountId: ACCOUNT_ID, startDate: 'not a date', endDate: '2026-07-01' }));
assert.ok(result instanceof ApiResult);
assert.equal(result.failed, true);
assert.equal(result.errorCode, 'InvalidDate');
assert.match(result.fieldError('startDate').message, /must be a date/);
step('validation errors');

// 6. An API key as the Basic user name with an empty password, and as a Bearer token.
const basic = new JsonServiceClient(BASE_URL);
basic.setCredentials(API_KEY, '');
assert.ok((await basic.get(new ListReports({ accountId: ACCOUNT_ID }))).reports.some(r => r.id === created.id));
const bearer = new JsonServiceClient(BASE_URL);
bearer.bearerToken = API_KEY;
assert.equal((await bearer.get(new GetReport({ id: created.id }))).id, created.id);
try {
    const anonymous = new JsonServiceClient(BASE_URL);
    await anonymous.get(new GetReport({ id: created.id }));
    assert.fail('no credentials, no report');
}
catch (e) {
    assert.equal(e.responseStatus.errorCode, 'Unauthorized');
}
step('api keys');

// 7. Delete it, with the signed-in client.
await client.delete(new DeleteReport({ id: created.id }));
const after = await client.get(new ListReports({ accountId: ACCOUNT_ID }));
assert.ok(!after.reports.some(r => r.id === created.id), 'deleted');
step('deleted');
console.log(`done ${created.id}`);
