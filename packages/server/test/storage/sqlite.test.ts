import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, describe, it } from "node:test";
import { openStorage } from "../../src/storage/open.js";
import { storageContract } from "./contract.case.js";
import { customer, newOrg } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "polar-storage-"));
after(() => rmSync(dir, { recursive: true, force: true }));

storageContract({ dialect: "sqlite", open: () => openStorage(`sqlite:${join(dir, "contract.db")}`) });

describe("openStorage URLs (sqlite)", () => {
  it("sqlite::memory: gives a private, migrated database", async () => {
    const [a, b] = [await openStorage("sqlite::memory:"), await openStorage("sqlite::memory:")];
    try {
      const org = await newOrg(a);
      await a.customers.insert(customer(org.id));
      assert.equal(await b.auth.getOrganization(org.id), undefined);
      assert.equal(a.dialect, "sqlite");
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("relative paths resolve against cwd and the parent folder is created; data persists", async () => {
    const file = join(dir, "nested", "deeper", "polar.db");
    const s = await openStorage(`sqlite:${relative(process.cwd(), file)}`);
    const org = await newOrg(s);
    await s.close();
    assert.ok(existsSync(file));
    const again = await openStorage(`sqlite:${file}`);
    try {
      assert.equal((await again.auth.getOrganization(org.id))?.id, org.id);
    } finally {
      await again.close();
    }
  });

  it("rejects unknown schemes and empty paths with a one-line message", async () => {
    for (const url of ["mysql://localhost/db", "sqlite:", "./file.db"]) {
      await assert.rejects(openStorage(url), (e: unknown) => e instanceof Error && !e.message.includes("\n"));
    }
    await assert.rejects(openStorage("mysql://u:secret@h/db"), (e: Error) => /mysql/.test(e.message) && !/secret/.test(e.message));
  });
});
