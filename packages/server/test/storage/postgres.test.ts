// Runs against a real PostgreSQL; if it is unreachable these tests fail, by design.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openStorage } from "../../src/storage.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { storageContract } from "./contract.case.js";

let database: TestDatabase | undefined;
let setupError: unknown;
before(async () => {
  try {
    database = await createTestDatabase();
  } catch (error) {
    // Kept and rethrown by a test so the run reports a failure, not only cancellations.
    setupError = error;
  }
});
after(async () => {
  await database?.drop();
});

function url(): string {
  if (!database) throw setupError ?? new Error("test database was not created");
  return database.url;
}

it("PostgreSQL test server is reachable", () => {
  url();
});

storageContract({
  dialect: "postgres",
  open: () => openStorage(url(), { poolSize: 12 }),
  async fresh() {
    const scratch = await createTestDatabase();
    const storage = await openStorage(scratch.url);
    return { ...storage, close: async () => (await storage.close(), await scratch.drop()) };
  },
  freshUrl: () => createTestDatabase(),
});

describe("openStorage URLs (postgres)", () => {
  it("accepts the postgresql:// spelling", async () => {
    const s = await openStorage(url().replace(/^postgres:/, "postgresql:"));
    try {
      assert.equal(s.dialect, "postgres");
      assert.equal(typeof (await s.accounts.countOrganizations()), "number");
    } finally {
      await s.close();
    }
  });

  it("fails (does not hang) when the database does not exist", async () => {
    const missing = new URL(url());
    missing.pathname = "/polar_missing_database_for_test";
    await assert.rejects(openStorage(missing.toString()), (e) => e instanceof Error);
  });
});
