// The operator's side of the CLI, as a child process: listing and revoking
// what exists, the CI bootstrap token, seed files, resets and backups, and the
// command line's own manners (version, help, errors, exit codes).
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openStorage } from "../../src/storage.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import {
  call,
  cli as cliIn,
  CREATED_NOTICE,
  fails as failsIn,
  ISO,
  json,
  OAT,
  ok as okIn,
  serve as serveIn,
  stop,
  token,
  UUID,
  Workspace,
} from "../support/cli.js";

let workspace: Workspace;
let dir: string;
const newDatabase = () => workspace.newDatabase();
const cli = (args: string[], env: Record<string, string> = {}) => cliIn(dir, args, env);
const ok = (args: string[], env: Record<string, string> = {}) => okIn(dir, args, env);
const fails = (args: string[], code: number, pattern: RegExp, env: Record<string, string> = {}) => failsIn(dir, args, code, pattern, env);
const serve = (args: string[], env: Record<string, string> = {}) => serveIn(dir, args, env);
const fileOf = (database: string) => database.slice("sqlite:".length);
const chosenToken = () => `polar_oat_${randomBytes(24).toString("hex")}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

before(() => {
  workspace = new Workspace();
  dir = workspace.dir;
});
after(() => workspace.remove());

describe("CLI: manners", () => {
  it("--version prints the package version", async () => {
    const { version } = JSON.parse((await import("node:fs")).readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    for (const flag of ["--version", "-V"]) assert.equal(await ok([flag]), `${version}\n`);
  });

  it("help A B shows that command's help; tokens help create does too", async () => {
    for (const args of [
      ["help", "tokens", "create"],
      ["tokens", "create", "--help"],
      ["tokens", "help", "create"],
    ]) {
      const out = await ok(args);
      assert.match(out, /^Usage: polar-customers tokens create \[options\]/, args.join(" "));
      assert.match(out, /--expires-in <duration>/);
    }
    assert.match(await ok(["help", "db", "backup"]), /^Usage: polar-customers db backup \[options\] <file>/);
    assert.match(await ok(["help"]), /Commands:[\s\S]*seed/);
  });

  it("usage mistakes exit 2 with one `polar-customers:` line pointing at the right help", async () => {
    await fails(
      ["tokens", "create", "--org", randomUUID(), "--scope", "customers:read"],
      2,
      /unknown option '--scope' \(Did you mean --scopes\?\) \(see `polar-customers help tokens create`\)/,
    );
    await fails(["orgs", "list", "--frobnicate"], 2, /unknown option '--frobnicate' \(see `polar-customers help orgs list`\)/);
    await fails(["frobnicate"], 2, /unknown command 'frobnicate' \(see `polar-customers help`\)/);
    await fails(["help", "tokens", "frob"], 2, /unknown command 'tokens frob'/);
    await fails(["orgs", "delete"], 2, /missing required argument 'id'/);
    await fails(["serve", "--port", "70000"], 2, /--port must be an integer from 0 to 65535, got "70000"/);
  });

  it("commands that need existing data refuse a database file that does not exist, and say where they looked", async () => {
    const database = newDatabase();
    const id = randomUUID();
    for (const args of [
      ["orgs", "list"],
      ["orgs", "delete", id, "--yes"],
      ["users", "list"],
      ["tokens", "create", "--org", id],
      ["tokens", "list", "--org", id],
      ["tokens", "revoke", id],
      ["members", "add", "--org", id, "--user", id, "--role", "admin"],
      ["members", "remove", "--org", id, "--user", id],
      ["db", "reset", "--yes"],
      ["db", "backup", join(dir, `${randomUUID()}.db`)],
    ]) {
      await fails(
        [...args, "--database", database],
        2,
        new RegExp(`no database at ${escape(fileOf(database))}; give the right one with --database`),
      );
    }
    assert.equal(existsSync(fileOf(database)), false, "nothing created the file");
    // Run from another folder with the default URL: the same, about ./data/polar.db there.
    const stray = await fails(["orgs", "list"], 2, /no database at /);
    assert.ok(stray.includes(join(dir, "data", "polar.db")), stray);
    assert.equal(existsSync(join(dir, "data")), false);
  });

  it("creating commands announce a new database once, on stderr; data stays alone on stdout", async () => {
    const database = newDatabase();
    const first = await cli(["orgs", "create", "--name", "First", "--database", database]);
    assert.equal(first.code, 0);
    assert.equal(first.stderr, `polar-customers: created new database at ${fileOf(database)}\n`);
    assert.match(first.stderr, CREATED_NOTICE);
    json(first.stdout);
    const second = await cli(["users", "create", "--email", "a@example.com", "--database", database]);
    assert.equal(second.code, 0);
    assert.equal(second.stderr, "");
  });

  it("every error names the database (absolute path for SQLite, no password for PostgreSQL)", async () => {
    const database = newDatabase();
    await ok(["orgs", "create", "--name", "X", "--database", database]);
    const id = randomUUID();
    await fails(
      ["tokens", "create", "--org", id, "--database", database],
      2,
      new RegExp(`^polar-customers: no organization with id ${id} \\(database sqlite:${escape(fileOf(database))}\\)\\n$`),
    );
    // A relative URL is shown resolved against the working directory.
    await ok(["orgs", "create", "--name", "Rel", "--database", "sqlite:rel.db"]);
    await fails(
      ["tokens", "list", "--org", id, "--database", "sqlite:rel.db"],
      2,
      new RegExp(`\\(database sqlite:${escape(join(dir, "rel.db"))}\\)`),
    );
    const secret = await fails(
      ["orgs", "list", "--database", "postgres://someone:s3cret@127.0.0.1:1/nowhere"],
      1,
      /\(database postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere\)/,
    );
    assert.doesNotMatch(secret, /s3cret/);
  });

  it("a busy port is named, with how to choose another, and exits 1", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const { port } = blocker.address() as { port: number };
    try {
      const database = newDatabase();
      await ok(["orgs", "create", "--name", "Busy", "--database", database]);
      const run = await cliIn(dir, ["serve", "--port", String(port), "--database", database]);
      assert.equal(run.code, 1, run.stderr);
      assert.match(
        run.stderr,
        new RegExp(`^polar-customers: port ${port} is already in use on 127\\.0\\.0\\.1; choose another with --port N or PORT=N`),
      );
      assert.match(run.stderr, /^[^\n]+\n$/);
    } finally {
      blocker.close();
    }
  });
});

describe("CLI: listing, revoking, deleting", () => {
  it("orgs list, users list, tokens list (prefix, scopes, times; never the secret) and last use", async () => {
    const database = newDatabase();
    const [a, b] = [
      json(await ok(["orgs", "create", "--name", "Alpha", "--database", database])),
      json(await ok(["orgs", "create", "--name", "Beta", "--database", database])),
    ];
    assert.deepEqual(json(await ok(["orgs", "list", "--database", database])), [a, b]);
    const user = json(await ok(["users", "create", "--email", "u@example.com", "--database", database]));
    assert.deepEqual(json(await ok(["users", "list", "--database", database])), [user]);

    const secret = token(
      await ok(["tokens", "create", "--org", a.id, "--scopes", "customers:read", "--expires-in", "30d", "--database", database]),
      OAT,
    );
    const forever = token(await ok(["tokens", "create", "--org", a.id, "--database", database]), OAT);
    const personal = token(await ok(["tokens", "create", "--user", user.id, "--database", database]), /^polar_pat_/);
    const listOut = await ok(["tokens", "list", "--org", a.id, "--database", database]);
    for (const t of [secret, forever]) assert.ok(!listOut.includes(t.slice(14)), "no secret beyond the hint");
    const listed = json(listOut);
    assert.equal(listed.length, 2);
    const [first, second] = listed;
    assert.deepEqual(Object.keys(first), [
      "id",
      "kind",
      "prefix",
      "organization_id",
      "scopes",
      "status",
      "created_at",
      "expires_at",
      "last_used_at",
      "revoked_at",
    ]);
    assert.match(first.id, UUID);
    assert.equal(first.prefix, `${secret.slice(0, 14)}…`);
    assert.equal(first.organization_id, a.id);
    assert.deepEqual(first.scopes, ["customers:read"]);
    assert.equal(first.status, "active");
    assert.match(first.created_at, ISO);
    assert.ok(Date.parse(first.expires_at) - Date.parse(first.created_at) >= 30 * 86_400_000 - 1000);
    assert.equal(first.last_used_at, null);
    assert.equal(second.prefix, `${forever.slice(0, 14)}…`);
    assert.equal(second.expires_at, null);
    assert.deepEqual(json(await ok(["tokens", "list", "--org", b.id, "--database", database])), []);
    const personalList = json(await ok(["tokens", "list", "--user", user.id, "--database", database]));
    assert.equal(personalList.length, 1);
    assert.equal(personalList[0].user_id, user.id);
    assert.equal(personalList[0].prefix, `${personal.slice(0, 14)}…`);
    await fails(["tokens", "list", "--database", database], 2, /exactly one of --org ORG_ID or --user USER_ID/);

    // A request with the token is noted (in the background, at most once per token-cache period).
    const server = await serve(["--database", database]);
    try {
      assert.equal((await call(server.url, "GET", "/v1/customers/", secret)).status, 200);
      let lastUsed: string | null = null;
      for (let attempt = 0; attempt < 100 && lastUsed === null; attempt++) {
        lastUsed = json(await ok(["tokens", "list", "--org", a.id, "--database", database]))[0].last_used_at;
      }
      assert.ok(lastUsed !== null, "last_used_at was recorded");
      assert.ok(Date.parse(lastUsed) >= Date.parse(first.created_at));
      const again = json(await ok(["tokens", "list", "--org", a.id, "--database", database]));
      assert.equal(again[1].last_used_at, null, "an unused token stays unused");
    } finally {
      await stop(server);
    }
  });

  it("tokens revoke by id or by the token itself; a running server refuses it; revoking twice changes nothing", async () => {
    const database = newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Revoke", "--database", database]));
    const [byId, byValue, kept] = await Promise.all(
      [0, 1, 2].map(() => ok(["tokens", "create", "--org", org.id, "--database", database]).then((o) => token(o, OAT))),
    );
    const list = json(await ok(["tokens", "list", "--org", org.id, "--database", database]));
    const idOf = (t: string) => list.find((x: { prefix: string }) => x.prefix === `${t.slice(0, 14)}…`).id;
    const revoked = json(await ok(["tokens", "revoke", idOf(byId), "--database", database]));
    assert.equal(revoked.id, idOf(byId));
    assert.equal(revoked.status, "revoked");
    assert.match(revoked.revoked_at, ISO);
    assert.deepEqual(json(await ok(["tokens", "revoke", idOf(byId), "--database", database])), revoked);
    const revokedByValue = json(await ok(["tokens", "revoke", byValue, "--database", database]));
    assert.equal(revokedByValue.id, idOf(byValue));
    await fails(["tokens", "revoke", randomUUID(), "--database", database], 2, /no token with id/);
    await fails(["tokens", "revoke", chosenToken(), "--database", database], 2, /no such token \(polar_oat_\w{4}…\)/);
    await fails(["tokens", "revoke", "nope", "--database", database], 2, /must be a UUID/);
    const statuses = json(await ok(["tokens", "list", "--org", org.id, "--database", database])).map((t: { status: string }) => t.status);
    assert.deepEqual(statuses.sort(), ["active", "revoked", "revoked"]);

    const server = await serve(["--database", database]);
    try {
      assert.equal((await call(server.url, "GET", "/v1/customers/", byId)).status, 401);
      assert.equal((await call(server.url, "GET", "/v1/customers/", byValue)).status, 401);
      assert.equal((await call(server.url, "GET", "/v1/customers/", kept)).status, 200);
    } finally {
      await stop(server);
    }
  });

  it("members remove and orgs delete (which needs --yes); a deleted organization's tokens stop working", async () => {
    const database = newDatabase();
    const [org, other] = [
      json(await ok(["orgs", "create", "--name", "Doomed", "--database", database])),
      json(await ok(["orgs", "create", "--name", "Other", "--database", database])),
    ];
    const user = json(await ok(["users", "create", "--email", "m@example.com", "--database", database]));
    await ok(["members", "add", "--org", other.id, "--user", user.id, "--role", "admin", "--database", database]);
    const pat = token(await ok(["tokens", "create", "--user", user.id, "--database", database]), /^polar_pat_/);
    const oat = token(await ok(["tokens", "create", "--org", org.id, "--database", database]), OAT);
    assert.deepEqual(json(await ok(["members", "remove", "--org", other.id, "--user", user.id, "--database", database])), {
      organization_id: other.id,
      user_id: user.id,
      removed: true,
    });
    await fails(["members", "remove", "--org", other.id, "--user", user.id, "--database", database], 2, /is not a member of organization/);

    await fails(["orgs", "delete", org.id, "--database", database], 2, /cannot be undone; add --yes to confirm/);
    assert.equal(json(await ok(["orgs", "list", "--database", database])).length, 2, "nothing deleted without --yes");
    const deleted = json(await ok(["orgs", "delete", org.id, "--yes", "--database", database]));
    assert.equal(deleted.id, org.id);
    assert.equal(deleted.deleted, true);
    assert.deepEqual(
      json(await ok(["orgs", "list", "--database", database])).map((o: { id: string }) => o.id),
      [other.id],
    );
    await fails(["orgs", "delete", org.id, "--yes", "--database", database], 2, new RegExp(`no organization with id ${org.id}`));
    await fails(["tokens", "create", "--org", org.id, "--database", database], 2, /no organization with id/);
    assert.equal(
      json(await ok(["tokens", "list", "--org", org.id, "--database", database])).length,
      1,
      "a deleted organization's tokens stay listable",
    );

    const server = await serve(["--database", database]);
    try {
      assert.equal((await call(server.url, "GET", "/v1/customers/", oat)).status, 401);
      const narrowed = await call(server.url, "GET", "/v1/customers/", pat);
      assert.equal(narrowed.status, 200);
      assert.deepEqual(narrowed.body.items, [], "the removed member sees no organization");
    } finally {
      await stop(server);
    }
  });
});

describe("CLI: bootstrap token for CI", () => {
  it("POLAR_BOOTSTRAP_TOKEN makes an empty database start with exactly that token, never printed", async () => {
    const database = newDatabase();
    const chosen = chosenToken();
    const server = await serve(["--database", database], { POLAR_BOOTSTRAP_TOKEN: chosen });
    try {
      assert.ok(!server.lines.join("\n").includes(chosen), "the secret is not echoed");
      assert.ok(
        server.lines.includes(
          `Organization access token with every scope: the bootstrap token ${chosen.slice(0, 14)}… (POLAR_BOOTSTRAP_TOKEN / --bootstrap-token)`,
        ),
        server.lines.join("\n"),
      );
      const created = await call(server.url, "POST", "/v1/customers/", chosen, { email: "ci@example.com" });
      assert.equal(created.status, 201);
      // Another token: the last character changed (to "1" when it already is "0"; a random token ends in "0" one time in 64).
      const other = `${chosen.slice(0, -1)}${chosen.endsWith("0") ? "1" : "0"}`;
      assert.equal((await call(server.url, "GET", "/v1/customers/", other)).status, 401, "only that token");
    } finally {
      await stop(server);
    }
    // A restart with the same setting is fine: the token is there.
    const again = await serve(["--database", database, "--bootstrap-token", chosen]);
    try {
      assert.ok(!again.lines.some((l) => l.startsWith("Created")), again.lines.join("\n"));
      assert.equal((await call(again.url, "GET", "/v1/customers/", chosen)).body.items.length, 1);
    } finally {
      await stop(again);
    }
    const storage = await openStorage(database);
    try {
      assert.equal(await storage.accounts.countOrganizations(), 1);
    } finally {
      await storage.close();
    }
  });

  it("refuses a malformed bootstrap token before touching the database, and one a non-empty database does not have", async () => {
    const database = newDatabase();
    for (const bad of ["polar_oat_short", "polar_pat_" + "a".repeat(40), "oat_" + "a".repeat(40), `polar_oat_${"a".repeat(30)}!!`]) {
      await fails(["serve", "--database", database], 2, /bootstrap token .* must be polar_oat_ followed by at least 32 characters/, {
        POLAR_BOOTSTRAP_TOKEN: bad,
      });
    }
    assert.equal(existsSync(fileOf(database)), false);
    await ok(["orgs", "create", "--name", "Existing", "--database", database]);
    await fails(
      ["serve", "--database", database, "--bootstrap-token", chosenToken()],
      2,
      /bootstrap token .* is not a token of this database, and it is only created on an empty database/,
    );
  });
});

describe("CLI: test endpoints", () => {
  it("serve --enable-test-endpoints (or POLAR_ENABLE_TEST_ENDPOINTS=1) serves POST /v1/_test/reset; without it the path is a 404", async () => {
    const database = newDatabase();
    const chosen = chosenToken();
    const reset = (url: string) =>
      fetch(`${url}/v1/_test/reset`, { method: "POST", headers: { authorization: `Bearer ${chosen}` }, body: "" });
    const plain = await serve(["--database", database], { POLAR_BOOTSTRAP_TOKEN: chosen });
    try {
      assert.ok(!plain.lines.some((l) => l.startsWith("Test endpoints")));
      assert.equal((await call(plain.url, "POST", "/v1/customers/", chosen, { email: "stay@example.com" })).status, 201);
      assert.equal((await reset(plain.url)).status, 404);
      assert.equal((await call(plain.url, "GET", "/v1/customers/", chosen)).body.items.length, 1);
      assert.deepEqual((await call(plain.url, "GET", "/healthz", null)).body, { status: "ok" });
    } finally {
      await stop(plain);
    }
    for (const [args, env] of [
      [["--enable-test-endpoints"], {}],
      [[], { POLAR_ENABLE_TEST_ENDPOINTS: "1" }],
    ] as const) {
      const server = await serve(["--database", database, ...args], env);
      try {
        assert.ok(server.lines.includes(`Test endpoints enabled: POST ${server.url}/v1/_test/reset`), server.lines.join("\n"));
        await call(server.url, "POST", "/v1/customers/", chosen, { email: `${randomUUID()}@example.com` });
        assert.equal((await reset(server.url)).status, 204);
        assert.deepEqual((await call(server.url, "GET", "/v1/customers/", chosen)).body.items, []);
        assert.deepEqual((await call(server.url, "GET", "/readyz", null)).body, { status: "ok", database: "ok" });
      } finally {
        await stop(server);
      }
    }
  });
});

describe("CLI: seed files", () => {
  const seedPath = (name: string, document: unknown) => {
    const file = join(dir, `${name}-${randomUUID()}.json`);
    // `1.0` must reach the file as written: JSON.stringify would spell it `1`.
    writeFileSync(file, typeof document === "string" ? document : JSON.stringify(document).replaceAll('"ratio":1', '"ratio":1.0'));
    return file;
  };

  it("loads organizations, tokens and customers; running it again creates nothing", async () => {
    const database = newDatabase();
    const orgToken = chosenToken();
    const readToken = chosenToken();
    const id = randomUUID();
    const file = seedPath("seed", {
      organizations: [
        {
          id,
          name: "Acme",
          slug: "acme",
          tokens: [{ token: orgToken }, { token: readToken, scopes: ["customers:read"], expires_in: "30d" }],
          customers: [
            {
              email: "jane@example.com",
              external_id: "usr_1",
              name: "Jane",
              metadata: { plan: "pro", ratio: 1.0 },
              billing_address: { country: "FR" },
            },
            { email: "bob@example.com", type: "individual" },
          ],
        },
        { name: "Second Shop", customers: [{ email: "jane@example.com", external_id: "usr_1" }] },
      ],
    });
    const report = json(await ok(["seed", file, "--database", database]));
    assert.deepEqual(report, {
      organizations: { created: 2, existing: 0 },
      tokens: { created: 2, existing: 0 },
      meters: { created: 0, existing: 0 },
      benefits: { created: 0, existing: 0 },
      products: { created: 0, existing: 0 },
      customers: { created: 3, existing: 0 },
      subscriptions: { created: 0, existing: 0 },
      events: { created: 0, existing: 0 },
    });
    const rerun = json(await ok(["seed", file, "--database", database]));
    assert.deepEqual(rerun, {
      organizations: { created: 0, existing: 2 },
      tokens: { created: 0, existing: 2 },
      meters: { created: 0, existing: 0 },
      benefits: { created: 0, existing: 0 },
      products: { created: 0, existing: 0 },
      customers: { created: 0, existing: 3 },
      subscriptions: { created: 0, existing: 0 },
      events: { created: 0, existing: 0 },
    });

    const orgs = json(await ok(["orgs", "list", "--database", database]));
    assert.deepEqual(
      orgs.map((o: { id: string; slug: string }) => [o.slug, o.id === id]),
      [
        ["acme", true],
        ["second-shop", false],
      ],
    );
    const server = await serve(["--database", database]);
    try {
      const list = await call(server.url, "GET", "/v1/customers/?sorting=email", orgToken);
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((c: { email: string }) => c.email),
        ["bob@example.com", "jane@example.com"],
      );
      const jane = list.body.items[1];
      assert.equal(jane.organization_id, id);
      assert.equal(jane.external_id, "usr_1");
      assert.deepEqual(jane.billing_address.country, "FR");
      const raw = await (await fetch(`${server.url}/v1/customers/${jane.id}`, { headers: { authorization: `Bearer ${orgToken}` } })).text();
      assert.match(raw, /"ratio":1\.0[,}]/, "a float stays a float, as over HTTP");
      assert.equal((await call(server.url, "GET", "/v1/customers/", readToken)).status, 200);
      assert.equal((await call(server.url, "POST", "/v1/customers/", readToken, { email: "x@example.com" })).status, 403, "its scopes");
    } finally {
      await stop(server);
    }
  });

  it("reports the first problem with its JSON path, exits 2 and writes nothing", async () => {
    const database = newDatabase();
    await ok(["orgs", "create", "--name", "Keep", "--database", database]);
    const cases: [unknown, RegExp][] = [
      ["{not json", /is not valid JSON/],
      [[], /\(top level\): must be an object/],
      [{ orgs: [] }, /orgs: unknown key \(expected \$schema, organizations\)/],
      [
        { organizations: [{ name: "A", widgets: [] }] },
        /organizations\[0\]\.widgets: unknown key \(expected id, name, slug, tokens, meters, benefits, products, customers, subscriptions, events\)/,
      ],
      [{ organizations: [{ slug: "a" }] }, /organizations\[0\]\.name: is required/],
      [
        {
          organizations: [
            { name: "Ok", customers: [{ email: "fine@example.com" }] },
            { name: "B", customers: [{ email: "fine@example.com" }, { email: "not an email" }] },
          ],
        },
        /organizations\[1\]\.customers\[1\]\.email: value is not a valid email address/,
      ],
      [
        { organizations: [{ name: "C", customers: [{ email: "t@example.com", tax_id: "FR000", billing_address: { country: "FR" } }] }] },
        /organizations\[0\]\.customers\[0\]\.tax_id: /,
      ],
      [
        { organizations: [{ name: "D", customers: [{ email: "d@example.com", organization_id: randomUUID() }] }] },
        /organizations\[0\]\.customers\[0\]\.organization_id: leave it out/,
      ],
      [
        { organizations: [{ name: "E", customers: [{ type: "team", name: "No key", owner: { email: "owner@example.com" } }] }] },
        /organizations\[0\]\.customers\[0\]: needs an external_id or an email/,
      ],
      [
        { organizations: [{ name: "F", tokens: [{ token: "polar_oat_weak" }] }] },
        /organizations\[0\]\.tokens\[0\]\.token: the token must be polar_oat_/,
      ],
      [
        {
          organizations: [
            {
              name: "G",
              customers: [
                { email: "dup@example.com", external_id: "a" },
                { email: "dup@example.com", external_id: "b" },
              ],
            },
          ],
        },
        /organizations\[0\]\.customers\[1\]\.email: A customer with this email address already exists\./,
      ],
    ];
    for (const [document, pattern] of cases) await fails(["seed", seedPath("bad", document), "--database", database], 2, pattern);
    await fails(["seed", join(dir, "missing.json"), "--database", database], 2, /cannot read seed file .*missing\.json: ENOENT/);
    assert.deepEqual(
      json(await ok(["orgs", "list", "--database", database])).map((o: { name: string }) => o.name),
      ["Keep"],
      "every failed seed was rolled back",
    );
  });
});

describe("CLI: db reset and db backup", () => {
  it("db backup copies a SQLite database while a server writes to it; it refuses to overwrite and PostgreSQL", async () => {
    const database = newDatabase();
    const server = await serve(["--database", database]);
    const bootstrapToken = server.lines.map((l) => /: (polar_oat_\S+)$/.exec(l)?.[1]).find(Boolean) ?? "";
    try {
      const writes = Array.from({ length: 40 }, (_, i) =>
        call(server.url, "POST", "/v1/customers/", bootstrapToken, { email: `b${i}@example.com` }),
      );
      const target = join(dir, `backup-${randomUUID()}.db`);
      const report = json(await ok(["db", "backup", target, "--database", database]));
      assert.deepEqual(Object.keys(report), ["backup", "bytes"]);
      assert.equal(report.backup, target);
      assert.ok(report.bytes > 0);
      for (const reply of await Promise.all(writes)) assert.equal(reply.status, 201);
      const copy = await openStorage(`sqlite:${target}`);
      try {
        assert.equal(await copy.accounts.countOrganizations(), 1, "a complete, openable database");
        const [org] = await copy.accounts.listOrganizations();
        const page = await copy.customers.list({
          organizationIds: [org.id],
          offset: 0,
          limit: 100,
          sorting: [{ field: "created_at", descending: false }],
        });
        assert.ok(page.totalCount >= 0 && page.totalCount <= 40);
        assert.equal(page.items.length, page.totalCount, "the live counter matches the rows: one consistent snapshot");
      } finally {
        await copy.close();
      }
      await fails(["db", "backup", target, "--database", database], 2, /already exists; choose a new file name/);
    } finally {
      await stop(server);
    }
    await fails(
      ["db", "backup", join(dir, "pg.db"), "--database", "postgres://postgres@127.0.0.1:5432/x"],
      2,
      /back up PostgreSQL with pg_dump/,
    );
  });

  let postgres: TestDatabase | undefined;
  after(async () => {
    await postgres?.drop();
  });

  for (const backend of ["sqlite", "postgres"] as const) {
    it(`db reset --yes empties every table and keeps the schema; serve then bootstraps again (${backend})`, async () => {
      let database: string;
      if (backend === "postgres") {
        postgres = await createTestDatabase();
        database = postgres.url;
      } else database = newDatabase();
      const seeded = join(dir, `reset-${randomUUID()}.json`);
      writeFileSync(
        seeded,
        JSON.stringify({
          organizations: [{ name: "Gone", tokens: [{ token: chosenToken() }], customers: [{ email: "gone@example.com" }] }],
        }),
      );
      await ok(["seed", seeded, "--database", database]);
      const user = json(await ok(["users", "create", "--email", "gone@example.com", "--database", database]));
      await ok([
        "members",
        "add",
        "--org",
        json(await ok(["orgs", "list", "--database", database]))[0].id,
        "--user",
        user.id,
        "--role",
        "owner",
        "--database",
        database,
      ]);

      await fails(["db", "reset", "--database", database], 2, /cannot be undone; add --yes to confirm/);
      assert.equal(json(await ok(["orgs", "list", "--database", database])).length, 1);
      const report = json(await ok(["db", "reset", "--yes", "--database", database]));
      for (const table of ["organizations", "users", "memberships", "access_tokens", "customers", "customer_counts", "subscriptions"])
        assert.ok(report.emptied.includes(table), table);
      assert.ok(!report.emptied.some((t: string) => t.startsWith("schema_migrations")));
      assert.deepEqual(json(await ok(["orgs", "list", "--database", database])), []);
      assert.deepEqual(json(await ok(["users", "list", "--database", database])), []);
      // Same email and seed load again: uniqueness indexes and FTS kept, nothing left behind.
      await ok(["users", "create", "--email", "gone@example.com", "--database", database]);
      assert.deepEqual(json(await ok(["seed", seeded, "--database", database])).customers, { created: 1, existing: 0 });
      await ok(["db", "reset", "--yes", "--database", database]);
      const server = await serve(["--database", database]);
      try {
        const bootstrapToken = server.lines.map((l) => /shown once, keep it safe\): (polar_oat_\S+)$/.exec(l)?.[1]).find(Boolean);
        assert.ok(bootstrapToken, server.lines.join("\n"));
        const search = await call(server.url, "GET", "/v1/customers/?query=gone", bootstrapToken);
        assert.deepEqual(search.body.items, []);
      } finally {
        await stop(server);
      }
    });
  }
});
