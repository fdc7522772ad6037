// The README's seed file example runs as written: `polar-customers seed` loads
// it, a second run finds everything already there, and `serve` on the same
// database shows what the README says it shows.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { call, json, ok as okIn, serve, stop, Workspace } from "../support/cli.js";

const README = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "README.md");

/** The one json block of the "Seed files" section. */
function seedExample(markdown: string): string {
  const start = markdown.indexOf("\n### Seed files\n");
  assert.ok(start >= 0, "README has a Seed files section");
  const end = markdown.indexOf("\n### ", start + 1);
  const blocks = [...markdown.slice(start, end).matchAll(/^```json\n([\s\S]*?)^```$/gm)];
  assert.equal(blocks.length, 1, "one example");
  return blocks[0][1];
}

describe("README seed file example", () => {
  let workspace: Workspace;
  before(() => {
    workspace = new Workspace();
  });
  after(() => workspace.remove());

  it("loads, loads again without changes, and gives the state the README describes", async () => {
    const text = seedExample(readFileSync(README, "utf8"));
    const file = join(workspace.dir, "seed.json");
    writeFileSync(file, text);
    const database = workspace.newDatabase();
    const ok = (args: string[]) => okIn(workspace.dir, args);

    const first = json(await ok(["seed", file, "--database", database]));
    const sections = ["organizations", "tokens", "meters", "benefits", "products", "customers", "subscriptions", "events"];
    assert.deepEqual(Object.keys(first), sections, "the sections the README lists, in its order");
    for (const section of sections) assert.ok(first[section].created > 0 && first[section].existing === 0, section);
    const second = json(await ok(["seed", file, "--database", database]));
    for (const section of sections) assert.deepEqual(second[section], { created: 0, existing: first[section].created }, section);

    const token: string = JSON.parse(text).organizations[0].tokens[0].token;
    const server = await serve(workspace.dir, ["--database", database]);
    try {
      const state = await call(server.url, "GET", "/v1/customers/external/usr_1/state", token);
      assert.equal(state.status, 200, JSON.stringify(state.body));
      const [product] = (await call(server.url, "GET", "/v1/products/", token)).body.items;
      assert.equal(product.name, "Pro");
      assert.deepEqual(
        state.body.active_subscriptions.map((s: { product_id: string }) => s.product_id),
        [product.id],
      );
      assert.deepEqual(state.body.granted_benefits.map((g: { benefit_type: string }) => g.benefit_type).sort(), [
        "feature_flag",
        "meter_credit",
      ]);
      assert.deepEqual(
        state.body.active_meters.map((m: { consumed_units: number; credited_units: number; balance: number }) => [
          m.consumed_units,
          m.credited_units,
          m.balance,
        ]),
        [[2, 1000, 998]],
      );
    } finally {
      await stop(server);
    }
  });
});
