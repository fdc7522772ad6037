// The `polar-customers` command as operators use it: the built CLI in a child
// process over a SQLite file in a temporary directory. Needs `npm run build`
// first (the package's `pretest` does it).

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { openStorage } from "../../src/storage.js";
import { servedScopes } from "../../src/modules.js";
import { hashToken } from "../../src/platform/auth/tokens.js";
import { RawConnection } from "../support/rawHttp.js";
import { call, cli as cliIn, ISO, json, OAT, ok as okIn, PAT, serve as serveIn, stop, token, UUID, Workspace } from "../support/cli.js";

const DAY_MS = 86_400_000;

let workspace: Workspace;
let dir: string;
const newDatabase = () => workspace.newDatabase();
const cli = (args: string[], env: Record<string, string> = {}) => cliIn(dir, args, env);
const ok = (args: string[], env: Record<string, string> = {}) => okIn(dir, args, env);
const serve = (args: string[], env: Record<string, string> = {}) => serveIn(dir, args, env);
/** The lines `serve` prints about a bootstrap; none on a database that has an organization. */
const bootstrapLines = (lines: string[]) => lines.filter((line) => /^(Created organization|Organization access token)/.test(line));

before(() => {
  workspace = new Workspace();
  dir = workspace.dir;
});
after(() => {
  workspace.remove();
});

describe("CLI: accounts and tokens", () => {
  it("orgs create prints one JSON object with id, name, slug and created_at", async () => {
    const database = newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Acme Café Inc.", "--database", database]));
    assert.deepEqual(Object.keys(org), ["id", "name", "slug", "created_at"]);
    assert.match(org.id, UUID);
    assert.equal(org.name, "Acme Café Inc.");
    assert.equal(org.slug, "acme-cafe-inc");
    assert.match(org.created_at, ISO);
    assert.ok(Math.abs(Date.parse(org.created_at) - Date.now()) < 60_000);
    const again = json(await ok(["orgs", "create", "--name", "Acme Café Inc.", "--database", database]));
    assert.notEqual(again.id, org.id);
    assert.notEqual(again.slug, org.slug);
    assert.match(again.slug, /^acme-cafe-inc-/);
  });

  it("users create and members add print JSON", async () => {
    const database = newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Org", "--database", database]));
    const user = json(await ok(["users", "create", "--email", "ops@example.com", "--database", database]));
    assert.deepEqual(Object.keys(user), ["id", "email", "created_at"]);
    assert.match(user.id, UUID);
    assert.equal(user.email, "ops@example.com");
    assert.match(user.created_at, ISO);
    const member = json(await ok(["members", "add", "--org", org.id, "--user", user.id, "--role", "finance", "--database", database]));
    assert.deepEqual(member, { organization_id: org.id, user_id: user.id, role: "finance" });
  });

  it("issues tokens that work against `serve` on the same database, with their scopes and roles", async () => {
    const database = newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Tokens", "--database", database]));
    const [user, finance] = (
      await Promise.all(
        ["member@example.com", "finance@example.com"].map((email) => ok(["users", "create", "--email", email, "--database", database])),
      )
    ).map(json);
    await Promise.all([
      ok(["members", "add", "--org", org.id, "--user", user.id, "--role", "member", "--database", database]),
      ok(["members", "add", "--org", org.id, "--user", finance.id, "--role", "finance", "--database", database]),
    ]);
    const issuedAt = Date.now();
    const [oat, readOnly, pat, financePat, monthly, hourly] = await Promise.all([
      ok(["tokens", "create", "--org", org.id, "--database", database]).then((out) => token(out, OAT)),
      ok(["tokens", "create", "--org", org.id, "--scopes", "customers:read", "--database", database]).then((out) => token(out, OAT)),
      ok(["tokens", "create", "--user", user.id, "--database", database]).then((out) => token(out, PAT)),
      ok(["tokens", "create", "--user", finance.id, "--database", database]).then((out) => token(out, PAT)),
      ok(["tokens", "create", "--org", org.id, "--expires-in", "30d", "--database", database]).then((out) => token(out, OAT)),
      ok(["tokens", "create", "--user", user.id, "--expires-in", "12h", "--scopes", "customers:read", "--database", database]).then((out) =>
        token(out, PAT),
      ),
    ]);
    const issuedBy = Date.now();
    assert.equal(new Set([oat, readOnly, pat, financePat, monthly, hourly]).size, 6);

    const server = await serve(["--database", database]);
    try {
      assert.deepEqual(bootstrapLines(server.lines), [], "no bootstrap on a database that has an organization");
      assert.ok(server.lines.includes(`Organization "Tokens" (id ${org.id})`), server.lines.join("\n"));
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);

      const created = await call(server.url, "POST", "/v1/customers/", oat, { email: "first@example.com" });
      assert.equal(created.status, 201);
      assert.equal(created.body.organization_id, org.id);
      for (const bearer of [readOnly, pat, financePat, monthly, hourly]) {
        const list = await call(server.url, "GET", "/v1/customers/", bearer);
        assert.equal(list.status, 200);
        assert.deepEqual(
          list.body.items.map((c: { id: string }) => c.id),
          [created.body.id],
        );
      }
      const denied = await call(server.url, "POST", "/v1/customers/", readOnly, { email: "second@example.com" });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error, "insufficient_scope");
      const hourlyDenied = await call(server.url, "PATCH", `/v1/customers/${created.body.id}`, hourly, { name: "x" });
      assert.equal(hourlyDenied.status, 403);
      const byMember = await call(server.url, "POST", "/v1/customers/", pat, { email: "third@example.com", organization_id: org.id });
      assert.equal(byMember.status, 201);
      const byFinance = await call(server.url, "POST", "/v1/customers/", financePat, {
        email: "fourth@example.com",
        organization_id: org.id,
      });
      assert.equal(byFinance.status, 403);
      assert.deepEqual(byFinance.body, { error: "NotPermitted", detail: "You don't have permission to manage customers" });
      const bogus = await call(server.url, "GET", "/v1/customers/", `${oat.slice(0, -2)}xx`);
      assert.equal(bogus.status, 401);
    } finally {
      await stop(server);
    }

    // Expiry is stored relative to when the token was issued; tokens are stored hashed.
    const storage = await openStorage(database);
    try {
      assert.equal(await storage.accounts.findTokenByHash(oat), undefined);
      const stored = await storage.accounts.findTokenByHash(hashToken(monthly));
      assert.ok(stored?.expiresAt);
      assert.ok(stored.expiresAt.getTime() >= issuedAt - 5_000 + 30 * DAY_MS && stored.expiresAt.getTime() <= issuedBy + 30 * DAY_MS);
      assert.deepEqual(stored.scopes, servedScopes());
      const storedHourly = await storage.accounts.findTokenByHash(hashToken(hourly));
      assert.ok(storedHourly?.expiresAt);
      assert.ok(
        storedHourly.expiresAt.getTime() <= issuedBy + 12 * 3_600_000 &&
          storedHourly.expiresAt.getTime() >= issuedAt - 5_000 + 12 * 3_600_000,
      );
      assert.deepEqual(storedHourly.scopes, ["customers:read"]);
      assert.equal((await storage.accounts.findTokenByHash(hashToken(oat)))?.expiresAt, null);
    } finally {
      await storage.close();
    }
  });

  it("issues tokens with any scope Polar defines; one with only products:read works but may not touch customers", async () => {
    const database = newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Products", "--database", database]));
    const products = token(await ok(["tokens", "create", "--org", org.id, "--scopes", "products:read", "--database", database]), OAT);
    const several = token(
      await ok(["tokens", "create", "--org", org.id, "--scopes", "webhooks:write benefits:read", "--database", database]),
      OAT,
    );
    const storage = await openStorage(database);
    try {
      assert.deepEqual((await storage.accounts.findTokenByHash(hashToken(products)))?.scopes, ["products:read"]);
      assert.deepEqual((await storage.accounts.findTokenByHash(hashToken(several)))?.scopes, ["webhooks:write", "benefits:read"]);
    } finally {
      await storage.close();
    }
    const server = await serve(["--database", database]);
    try {
      for (const bearer of [products, several]) {
        for (const [method, body] of [
          ["GET", undefined],
          ["POST", { email: "p@example.com" }],
        ] as const) {
          const reply = await call(server.url, method, "/v1/customers/", bearer, body);
          assert.equal(reply.status, 403, `${method} is refused, not 401: the token itself is valid`);
          assert.equal(reply.body.error, "insufficient_scope");
        }
      }
    } finally {
      await stop(server);
    }
  });

  it("rejects bad input with exactly one line on stderr, a non-zero exit and no stack trace", async () => {
    const database = newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Errors", "--database", database]));
    const user = json(await ok(["users", "create", "--email", "taken@example.com", "--database", database]));
    const cases: [string, string[], RegExp][] = [
      ["unknown role", ["members", "add", "--org", org.id, "--user", user.id, "--role", "boss"], /role/],
      ["unknown scope", ["tokens", "create", "--org", org.id, "--scopes", "customers:admin"], /scope/],
      [
        "unknown scope of a known resource",
        ["tokens", "create", "--org", org.id, "--scopes", "customers:admin"],
        /did you mean customers:read or customers:write\?/,
      ],
      [
        "unknown resource scope",
        ["tokens", "create", "--org", org.id, "--scopes", "gadgets:read"],
        /known scopes: openid .* products:read /,
      ],
      ["empty scopes", ["tokens", "create", "--org", org.id, "--scopes", ""], /scope/],
      ["bad --expires-in", ["tokens", "create", "--org", org.id, "--expires-in", "soon"], /expires-in/],
      ["unit-less --expires-in", ["tokens", "create", "--org", org.id, "--expires-in", "30"], /expires-in/],
      ["zero --expires-in", ["tokens", "create", "--org", org.id, "--expires-in", "0d"], /expires-in/],
      [
        "--expires-in past the year 9999",
        ["tokens", "create", "--org", org.id, "--expires-in", "300000y"],
        /expires-in 300000y ends after the year 9999/,
      ],
      [
        "--expires-in beyond any date",
        ["tokens", "create", "--user", user.id, "--expires-in", "99999999999999999999999s"],
        /expires-in .* ends after the year 9999/,
      ],
      ["bad --request-timeout", ["serve", "--request-timeout", "0"], /--request-timeout/],
      ["bad --max-connections", ["serve", "--max-connections", "many"], /--max-connections/],
      ["missing --name", ["orgs", "create"], /--name/],
      ["blank --name", ["orgs", "create", "--name", "   "], /name/],
      ["unknown org id", ["tokens", "create", "--org", randomUUID()], /organization/],
      ["malformed org id", ["tokens", "create", "--org", "acme"], /--org/],
      ["neither --org nor --user", ["tokens", "create"], /--org|--user/],
      ["both --org and --user", ["tokens", "create", "--org", org.id, "--user", user.id], /--org|--user/],
      ["unknown user id", ["tokens", "create", "--user", randomUUID()], /user/],
      ["member of unknown org", ["members", "add", "--org", randomUUID(), "--user", user.id, "--role", "member"], /organization/],
      ["bad email", ["users", "create", "--email", "not-an-email"], /email/],
      ["duplicate email", ["users", "create", "--email", "taken@example.com"], /taken@example\.com/],
      ["bad --port", ["serve", "--port", "http"], /--port/],
      ["unknown command", ["frobnicate"], /frobnicate/],
    ];
    const runs = await Promise.all(cases.map(([, args]) => cli([...args, ...(args[0] === "frobnicate" ? [] : ["--database", database])])));
    for (const [index, [label, , pattern]] of cases.entries()) {
      const run = runs[index];
      assert.notEqual(run.code, 0, label);
      assert.equal(run.stdout, "", label);
      assert.match(run.stderr, /^[^\n]+\n$/, `${label}: ${JSON.stringify(run.stderr)}`);
      assert.doesNotMatch(run.stderr, /\bat .+:\d+:\d+/, label);
      assert.match(run.stderr, pattern, label);
    }
    const urls = ["mysql://localhost/db", "polar.db"];
    const urlRuns = await Promise.all(urls.map((url) => cli(["orgs", "create", "--name", "X", "--database", url])));
    for (const [index, url] of urls.entries()) {
      const run = urlRuns[index];
      assert.notEqual(run.code, 0, url);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /^[^\n]*unsupported storage URL[^\n]*\n$/, url);
    }
    // Nothing above changed the database.
    const storage = await openStorage(database);
    try {
      assert.equal(await storage.accounts.countOrganizations(), 1);
    } finally {
      await storage.close();
    }
  });

  it("takes --database from POLAR_DATABASE_URL, and defaults to ./data/polar.db", async () => {
    const envDatabase = newDatabase();
    const env = { POLAR_DATABASE_URL: envDatabase };
    const org = json(await ok(["orgs", "create", "--name", "From env"], env));
    assert.ok(existsSync(envDatabase.slice("sqlite:".length)));
    token(await ok(["tokens", "create", "--org", org.id], env), OAT);
    const elsewhere = await cli(["tokens", "create", "--org", org.id, "--database", newDatabase()], env);
    assert.equal(elsewhere.code, 2);
    assert.match(elsewhere.stderr, /no database at /);

    const server = await serve([], env);
    try {
      assert.deepEqual(bootstrapLines(server.lines), []);
      assert.ok(server.lines.at(-1)?.includes(envDatabase.slice("sqlite:".length)), server.lines.at(-1));
    } finally {
      await stop(server);
    }

    const defaultOrg = json(await ok(["orgs", "create", "--name", "Default path"]));
    assert.ok(existsSync(join(dir, "data", "polar.db")));
    token(await ok(["tokens", "create", "--org", defaultOrg.id, "--database", "sqlite:./data/polar.db"]), OAT);
  });
});

describe("CLI: serve", () => {
  it("bootstraps an empty database, prints the organization and token, and finishes an in-flight request on SIGTERM", async () => {
    const database = newDatabase();
    const server = await serve(["--database", database]);
    let organizationId: string | undefined;
    let exitedEarly = false;
    void server.exited.then(() => (exitedEarly = true));
    try {
      const file = database.slice("sqlite:".length);
      assert.equal(server.lines[0], `Created new database at ${file}`);
      const orgMatch = /^Created organization "Default organization" \(organization id ([0-9a-f-]{36})\)$/.exec(server.lines[1]);
      assert.ok(orgMatch, server.lines[1]);
      assert.match(orgMatch[1], UUID);
      const tokenMatch = /^Organization access token with every scope \(shown once, keep it safe\): (\S+)$/.exec(server.lines[2]);
      assert.ok(tokenMatch, server.lines[2]);
      const bootstrapToken = tokenMatch[1];
      assert.match(bootstrapToken, OAT);
      // Then where everything is, and last the line supervisors wait for.
      assert.deepEqual(server.lines.slice(3), [
        `Organization "Default organization" (id ${orgMatch[1]})`,
        `Get a token: polar-customers tokens create --org ${orgMatch[1]} --database sqlite:${file}`,
        `API reference: ${server.url}/docs (OpenAPI: ${server.url}/openapi.json)`,
        `polar-customers listening on ${server.url} (database sqlite:${file})`,
      ]);
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);

      const created = await call(server.url, "POST", "/v1/customers/", bootstrapToken, { email: "boot@example.com" });
      assert.equal(created.status, 201);
      assert.equal(created.body.organization_id, orgMatch[1]);
      organizationId = orgMatch[1];

      // Start a request and hold back the end of its body while the server is told to stop.
      const body = JSON.stringify({ email: "inflight@example.com" });
      const connection = await RawConnection.open(server.url);
      try {
        await connection.write(
          [
            "POST /v1/customers/ HTTP/1.1",
            `Host: ${new URL(server.url).host}`,
            `Authorization: Bearer ${bootstrapToken}`,
            "Content-Type: application/json",
            `Content-Length: ${Buffer.byteLength(body)}`,
            "",
            body.slice(0, 5),
          ].join("\r\n"),
        );
        await new Promise((r) => setTimeout(r, 150));
        server.child.kill("SIGTERM");
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(exitedEarly, false, "the server waits for the in-flight request");
        await connection.write(body.slice(5));
        const reply = await connection.response();
        assert.equal(reply.status, 201);
        assert.equal(reply.body.email, "inflight@example.com");
      } finally {
        connection.close();
      }
      const result = await server.exited;
      assert.deepEqual(result, { code: 0, signal: null }, server.stderr());
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }

    // The in-flight write was committed, and a second start does not bootstrap again.
    const again = await serve(["--database", database]);
    try {
      assert.deepEqual(bootstrapLines(again.lines), []);
      assert.ok(!again.lines.some((line) => line.startsWith("Created new database")), again.lines.join("\n"));
      assert.ok(again.lines.includes(`Organization "Default organization" (id ${organizationId})`), again.lines.join("\n"));
      assert.match(again.lines.at(-1) ?? "", /^polar-customers listening on /);
    } finally {
      await stop(again, "SIGINT");
    }
    const storage = await openStorage(database);
    try {
      assert.equal(await storage.accounts.countOrganizations(), 1);
      const page = await storage.customers.list({
        organizationIds: [organizationId ?? ""],
        offset: 0,
        limit: 10,
        sorting: [{ field: "created_at", descending: false }],
      });
      assert.deepEqual(
        page.items.map((c) => c.email),
        ["boot@example.com", "inflight@example.com"],
      );
    } finally {
      await storage.close();
    }
  });

  it("exits 0 on SIGINT after finishing an in-flight request", async () => {
    const server = await serve(["--database", newDatabase()]);
    const bootstrapToken =
      server.lines.map((line) => /^Organization access token .*: (polar_oat_\S+)$/.exec(line)?.[1]).find(Boolean) ?? "";
    assert.match(bootstrapToken, OAT);
    const body = JSON.stringify({ name: "Late" });
    const connection = await RawConnection.open(server.url);
    try {
      await connection.write(
        [
          "PATCH /v1/customers/external/nobody HTTP/1.1",
          `Host: ${new URL(server.url).host}`,
          `Authorization: Bearer ${bootstrapToken}`,
          "Content-Type: application/json",
          `Content-Length: ${body.length}`,
          "",
          body.slice(0, 3),
        ].join("\r\n"),
      );
      await new Promise((r) => setTimeout(r, 150));
      server.child.kill("SIGINT");
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(server.child.exitCode, null, "the server waits for the in-flight request");
      await connection.write(body.slice(3));
      const reply = await connection.response();
      assert.equal(reply.status, 404);
      assert.deepEqual(reply.body, { error: "ResourceNotFound", detail: "Not found" });
    } finally {
      connection.close();
    }
    const result = await server.exited;
    assert.deepEqual(result, { code: 0, signal: null }, server.stderr());
  });
});
