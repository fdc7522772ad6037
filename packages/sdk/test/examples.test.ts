// Runs the twenty documentation samples in ../examples (only the import changed and serverURL set)
// as separate processes against the real server.
//
// The samples use placeholder values. "<value>" is not a UUID and "[email protected]" is not an
// email address, so a conforming server rejects those calls with 422; for them the test checks
// that the sample reached the server and failed with that typed error. The external-ID samples
// use "<id>", which is a valid external ID: the test creates that customer first, and those
// samples must succeed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { Polar } from "../src/sdk/sdk.js";
import { startServer, type RunningServer } from "./support/server.js";

const run = promisify(execFile);
const examplesDir = fileURLToPath(new URL("../examples/", import.meta.url));
const tsx = fileURLToPath(import.meta.resolve("tsx"));

let server: RunningServer;
let polar: Polar;

before(async () => {
  server = await startServer();
  polar = new Polar({ accessToken: server.token, serverURL: server.url });
});
after(() => server?.stop());

type Outcome = { ok: boolean; stdout: string; stderr: string };

async function runExample(file: string): Promise<Outcome> {
  const env = { ...process.env, POLAR_ACCESS_TOKEN: server.token, POLAR_SERVER_URL: server.url, POLAR_DEBUG: "" };
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", tsx, `${examplesDir}${file}`], { env, cwd: examplesDir });
    return { ok: true, stdout, stderr };
  } catch (err: any) {
    return { ok: false, stdout: err.stdout ?? "", stderr: err.stderr ?? String(err) };
  }
}

async function ensureCustomerWithExternalId(externalId: string) {
  await polar.customers
    .getExternal({ externalId })
    .catch(() => polar.customers.create({ email: `${crypto.randomUUID()}@acme.io`, name: "Sample", externalId }));
}

test("there is a Polar and a PolarCore sample for each of the ten methods", () => {
  assert.equal(readdirSync(examplesDir).filter((f) => f.endsWith(".ts")).length, 20);
});

for (const form of ["polar", "core"]) {
  test(`${form}: list prints the pages`, async () => {
    const out = await runExample(`list.${form}.ts`);
    assert.ok(out.ok, out.stderr);
    // The sample filters on an organization the token cannot see: one empty page.
    assert.match(out.stdout, /result: \{\s+items: \[\],\s+pagination: \{ totalCount: 0, maxPage: 0 \}/);
  });

  for (const method of ["getExternal", "updateExternal", "getStateExternal", "deleteExternal"]) {
    test(`${form}: ${method} succeeds for external ID "<id>"`, async () => {
      await ensureCustomerWithExternalId("<id>");
      const out = await runExample(`${method}.${form}.ts`);
      assert.ok(out.ok, out.stderr);
      if (method === "deleteExternal") {
        await assert.rejects(polar.customers.getExternal({ externalId: "<id>" }), { name: "ResourceNotFound" });
      } else {
        assert.match(out.stdout, /externalId: '<id>'/);
        assert.match(out.stdout, /createdAt: \d{4}-\d\d-\d\dT/, "dates are printed as Date objects");
      }
      if (method === "getStateExternal") assert.match(out.stdout, /activeSubscriptions: \[\]/);
    });
  }

  for (const method of ["get", "update", "delete", "getState"]) {
    test(`${form}: ${method} reaches the server, which rejects the "<value>" placeholder id`, async () => {
      const out = await runExample(`${method}.${form}.ts`);
      assert.equal(out.ok, false);
      assert.match(out.stderr, /HTTPValidationError/);
      assert.match(out.stderr, /uuid_parsing/);
    });
  }

  test(`${form}: create reaches the server, which rejects the sample's placeholder email`, async () => {
    const out = await runExample(`create.${form}.ts`);
    assert.equal(out.ok, false);
    assert.match(out.stderr, /HTTPValidationError/);
    assert.match(out.stderr, /"loc":\["body","individual","email"\]/);
  });
}
