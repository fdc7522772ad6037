// `clock advance` / `clock show` as operators run them (the built CLI in a
// child process), and a running `serve` on the same database taking the new
// time up on its next scheduler pass.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, fails as failsIn, json, ok as okIn, serve as serveIn, stop, token, OAT, Workspace } from "../support/cli.js";

let workspace: Workspace;
let dir: string;
const ok = (args: string[]) => okIn(dir, args);
const fails = (args: string[], code: number, pattern: RegExp) => failsIn(dir, args, code, pattern);
const DAY_S = 86_400;

before(() => {
  workspace = new Workspace();
  dir = workspace.dir;
});
after(() => workspace.remove());

describe("CLI: clock", () => {
  it("advance --by and --to move one organization's time forward; show reads it", async () => {
    const database = workspace.newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Clocked", "--database", database]));
    const other = json(await ok(["orgs", "create", "--name", "Real time", "--database", database]));
    const shown = json(await ok(["clock", "show", "--org", org.id, "--database", database]));
    assert.equal(shown.offset_seconds, 0);
    const moved = json(await ok(["clock", "advance", "--org", org.id, "--by", "31d", "--database", database]));
    assert.equal(moved.organization_id, org.id);
    assert.equal(moved.processed, 0);
    assert.ok(Math.abs(moved.offset_seconds - 31 * DAY_S) < 60, JSON.stringify(moved));
    const to = json(await ok(["clock", "advance", "--org", org.id, "--to", "2099-01-01T00:00:00Z", "--database", database]));
    assert.ok(Math.abs(Date.parse(to.now) - Date.parse("2099-01-01T00:00:00Z")) < 60_000, to.now);
    assert.equal(json(await ok(["clock", "show", "--org", other.id, "--database", database])).offset_seconds, 0);
  });

  it("mistakes are one line with exit 2: both or neither option, bad values, backwards, unknown organization", async () => {
    const database = workspace.newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Clocked", "--database", database]));
    const advance = (...args: string[]) => ["clock", "advance", "--org", org.id, ...args, "--database", database];
    await fails(advance(), 2, /exactly one of --to TIME or --by DURATION/);
    await fails(advance("--by", "1d", "--to", "2099-01-01T00:00:00Z"), 2, /exactly one of/);
    await fails(advance("--to", "2099-01-01"), 2, /--to must be an ISO 8601 date-time with a time zone/);
    await fails(advance("--by", "soon"), 2, /--by must be a duration such as 31d/);
    await fails(advance("--to", "2001-01-01T00:00:00Z"), 2, /only moves forward/);
    await fails(["clock", "advance", "--org", "nope", "--by", "1d", "--database", database], 2, /no organization nope/);
    await fails(["clock", "show", "--org", org.id, "--database", workspace.newDatabase()], 2, /no database at/);
  });

  it("a running server stamps new objects with the time the CLI set, from its next scheduler pass on", async () => {
    const database = workspace.newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Clocked", "--database", database]));
    const secret = token(await ok(["tokens", "create", "--org", org.id, "--database", database]), OAT);
    const served = await serveIn(dir, ["--database", database, "--enable-test-endpoints"]);
    try {
      json(await ok(["clock", "advance", "--org", org.id, "--by", "3d", "--database", database]));
      let aheadSeconds = 0;
      // The server refreshes its copy of the clocks on every scheduler pass (each second); allow a few.
      for (let attempt = 0; attempt < 50 && aheadSeconds < DAY_S; attempt++) {
        const created = await call(served.url, "POST", "/v1/customers/", secret, { email: `c${attempt}@example.com` });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        aheadSeconds = (Date.parse(created.body.created_at) - Date.now()) / 1000;
        if (aheadSeconds < DAY_S) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(Math.abs(aheadSeconds - 3 * DAY_S) < 60, `created ${aheadSeconds} s ahead`);
    } finally {
      await stop(served);
    }
  });
});
