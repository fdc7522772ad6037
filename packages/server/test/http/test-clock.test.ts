// The test clock over HTTP on each backend: POST /v1/_test/clock/advance and
// GET /v1/_test/clock move and read one organization's time; timestamps the
// API reports for that organization follow it, other organizations keep real
// time, and the offset survives a restart and is cleared by a test reset.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { freshDatabases } from "../support/backends.js";
import { TestServer } from "../support/server.js";

const BACKENDS = freshDatabases("clock");

const DAY = 86_400_000;
const near = (actual: string, expectedMs: number, what: string) =>
  assert.ok(Math.abs(Date.parse(actual) - expectedMs) < 60_000, `${what}: ${actual} is not near ${new Date(expectedMs).toISOString()}`);

for (const [backend, newDatabaseUrl] of Object.entries(BACKENDS)) {
  describe(`test clock (${backend})`, () => {
    let url: string;
    let server: TestServer;
    before(async () => {
      url = await newDatabaseUrl("clock");
      server = await TestServer.start(url, { enableTestEndpoints: true });
    });
    after(async () => {
      await server?.close();
    });

    it("advances by a duration or to a time; the organization's new objects carry its time, others keep real time", async () => {
      const mine = await server.newOrganization();
      const theirs = await server.newOrganization();
      const start = await server.request("GET", "/v1/_test/clock", { token: mine.token });
      assert.equal(start.status, 200, start.text);
      assert.equal(start.body.organization_id, mine.id);
      assert.equal(start.body.offset_seconds, 0);
      near(start.body.now, Date.now(), "an unmoved clock");

      const moved = await server.request("POST", "/v1/_test/clock/advance", { token: mine.token, body: { by: "31d" } });
      assert.equal(moved.status, 200, moved.text);
      assert.deepEqual(Object.keys(moved.body).sort(), ["now", "offset_seconds", "organization_id", "processed"]);
      assert.equal(moved.body.processed, 0, "nothing was due");
      near(moved.body.now, Date.now() + 31 * DAY, "31 days on");
      assert.ok(Math.abs(moved.body.offset_seconds - 31 * 86_400) < 60);

      const created = await server.createCustomer({}, mine.token);
      near(created.created_at, Date.now() + 31 * DAY, "a customer created on the moved clock");
      const other = await server.createCustomer({}, theirs.token);
      near(other.created_at, Date.now(), "another organization's customer");

      const to = await server.request("POST", "/v1/_test/clock/advance", { token: mine.token, body: { to: "2099-03-01T12:00:00+01:00" } });
      assert.equal(to.status, 200, to.text);
      near(to.body.now, Date.parse("2099-03-01T11:00:00Z"), "an absolute time with an offset");
      const updated = await server.request("PATCH", `/v1/customers/${created.id}`, { token: mine.token, body: { name: "Later" } });
      near(updated.body.modified_at, Date.parse("2099-03-01T11:00:00Z"), "modified on the moved clock");
    });

    it("refuses to move backwards and rejects malformed bodies with Polar-shaped 422s", async () => {
      const mine = await server.newOrganization();
      await server.request("POST", "/v1/_test/clock/advance", { token: mine.token, body: { by: "10d" } });
      const back = await server.request("POST", "/v1/_test/clock/advance", { token: mine.token, body: { to: "2020-01-01T00:00:00Z" } });
      assert.equal(back.status, 422);
      assert.equal(back.body.error, "PolarRequestValidationError");
      assert.deepEqual(back.body.detail[0].loc, ["body", "to"]);
      assert.match(back.body.detail[0].msg, /only moves forward/);
      const cases: [unknown, (string | number)[]][] = [
        [{}, ["body"]],
        [{ to: "2099-01-01T00:00:00Z", by: "1d" }, ["body"]],
        [{ to: "2099-01-01T00:00:00" }, ["body", "to"]],
        [{ to: 17 }, ["body", "to"]],
        [{ by: "a month" }, ["body", "by"]],
        [{ by: "0d" }, ["body", "by"]],
        [[], ["body"]],
        [{ by: "1d", organization_id: 5 }, ["body", "organization_id"]],
      ];
      for (const [body, loc] of cases) {
        const reply = await server.request("POST", "/v1/_test/clock/advance", { token: mine.token, body });
        assert.equal(reply.status, 422, `${JSON.stringify(body)}: ${reply.text}`);
        assert.deepEqual(reply.body.detail[0].loc, loc, JSON.stringify(body));
      }
      const org = await server.request("POST", "/v1/_test/clock/advance", {
        token: mine.token,
        body: { by: "1d", organization_id: mine.id },
      });
      assert.equal(org.status, 422, "an organization token may not name an organization");
      assert.equal(org.body.detail[0].type, "organization_token");
    });

    it("needs a token; personal tokens move only organizations they own or administer, named when they have several", async () => {
      const a = await server.newOrganization();
      const b = await server.newOrganization();
      assert.equal((await server.request("POST", "/v1/_test/clock/advance", { token: null, body: { by: "1d" } })).status, 401);
      const owner = await server.newUser([
        [a.id, "owner"],
        [b.id, "member"],
      ]);
      const unnamed = await server.request("POST", "/v1/_test/clock/advance", { token: owner.token, body: { by: "1d" } });
      assert.equal(unnamed.status, 422);
      assert.deepEqual(unnamed.body.detail[0].loc, ["body", "organization_id"]);
      const asMember = await server.request("POST", "/v1/_test/clock/advance", {
        token: owner.token,
        body: { by: "1d", organization_id: b.id },
      });
      assert.equal(asMember.status, 403, asMember.text);
      const asOwner = await server.request("POST", "/v1/_test/clock/advance", {
        token: owner.token,
        body: { by: "1d", organization_id: a.id },
      });
      assert.equal(asOwner.status, 200, asOwner.text);
      const stranger = await server.newOrganization();
      const foreign = await server.request("POST", "/v1/_test/clock/advance", {
        token: owner.token,
        body: { by: "1d", organization_id: stranger.id },
      });
      assert.equal(foreign.status, 422);
      assert.equal(foreign.body.detail[0].msg, "Organization not found.");
      const theirs = await server.request("GET", "/v1/_test/clock", { token: stranger.token });
      assert.equal(theirs.body.offset_seconds, 0, "another organization's clock did not move");
    });

    it("keeps the offset across a restart, and a test reset returns the organization to real time", async () => {
      const mine = await server.newOrganization();
      await server.request("POST", "/v1/_test/clock/advance", { token: mine.token, body: { by: "2w" } });
      await server.close();
      server = await TestServer.start(url, { enableTestEndpoints: true });
      const after = await server.request("GET", "/v1/_test/clock", { token: mine.token });
      assert.ok(Math.abs(after.body.offset_seconds - 14 * 86_400) < 60, after.text);
      assert.equal((await server.request("POST", "/v1/_test/reset", { token: mine.token, raw: "" })).status, 204);
      const reset = await server.request("GET", "/v1/_test/clock", { token: mine.token });
      assert.equal(reset.body.offset_seconds, 0);
      near((await server.createCustomer({}, mine.token)).created_at, Date.now(), "after a reset");
    });

    it("does not exist unless test endpoints are enabled", async () => {
      const plain = await TestServer.start(await newDatabaseUrl("plain-clock"));
      try {
        assert.equal((await plain.request("POST", "/v1/_test/clock/advance", { body: { by: "1d" } })).status, 404);
        assert.equal((await plain.request("GET", "/v1/_test/clock")).status, 404);
      } finally {
        await plain.close();
      }
    });
  });
}
