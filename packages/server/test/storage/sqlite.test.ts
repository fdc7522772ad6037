import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, describe, it } from "node:test";
import { randomUUID } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import { openStorage } from "../../src/storage.js";
import { openReader } from "../../src/platform/storage/sqlite/reader.js";
import { storageContract } from "./contract.case.js";
import { customer, newOrg } from "../../src/modules/customers/tests/storage/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "polar-storage-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let scratchFiles = 0;
storageContract({
  dialect: "sqlite",
  open: () => openStorage(`sqlite:${join(dir, "contract.db")}`),
  fresh: () => openStorage(`sqlite:${join(dir, `fresh-${scratchFiles++}.db`)}`),
  freshUrl: async () => ({ url: `sqlite:${join(dir, `fresh-${scratchFiles++}.db`)}`, drop: async () => {} }),
});

describe("openStorage URLs (sqlite)", () => {
  it("sqlite::memory: gives a private, migrated database", async () => {
    const [a, b] = [await openStorage("sqlite::memory:"), await openStorage("sqlite::memory:")];
    try {
      const org = await newOrg(a);
      await a.customers.insert(customer(org.id));
      assert.equal(await b.accounts.getOrganization(org.id), undefined);
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
      assert.equal((await again.accounts.getOrganization(org.id))?.id, org.id);
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

describe("hot reads on a shared SQLite file", () => {
  it("never serve a remembered row after another connection (or process) commits", async () => {
    const file = `sqlite:${join(dir, "shared-reads.db")}`;
    const [reader, writer] = [await openStorage(file), await openStorage(file)];
    try {
      const org = await newOrg(writer);
      const created = await writer.customers.insert(customer(org.id, { name: "before" }));
      assert.equal((await reader.customers.findById([org.id], created.id))?.name, "before");
      assert.equal((await reader.customers.findById([org.id], created.id))?.name, "before", "a repeated read");
      await writer.customers.update(created.id, { name: "after", modifiedAt: new Date() });
      assert.equal((await reader.customers.findById([org.id], created.id))?.name, "after");
      await writer.customers.update(created.id, { deletedAt: new Date() });
      assert.equal(await reader.customers.findById([org.id], created.id), undefined);
      // Its own writes too: the reading storage's writer connection is another connection.
      const own = await reader.customers.insert(customer(org.id, { name: "own" }));
      assert.equal((await reader.customers.findById([org.id], own.id))?.name, "own");
      await reader.customers.update(own.id, { name: "own, renamed", modifiedAt: new Date() });
      assert.equal((await reader.customers.findById([org.id], own.id))?.name, "own, renamed");
      assert.equal(await reader.customers.findById([randomUUID()], own.id), undefined, "tenancy is part of the lookup");
    } finally {
      await Promise.all([reader.close(), writer.close()]);
    }
  });
});

describe("the SQLite read cache", () => {
  const setUp = (name: string) => {
    const file = join(dir, name);
    const writer = new BetterSqlite3(file);
    writer.pragma("journal_mode = WAL");
    writer.exec("create table t (id integer primary key, v text)");
    const insert = writer.prepare("insert into t (id, v) values (?, ?)");
    for (let id = 1; id <= 5; id++) insert.run(id, `v${id}`);
    return { writer, reader: openReader(new BetterSqlite3(file, { readonly: true }), 3) };
  };
  const SQL = "select id, v from t where id = ?";

  it("drops the least recently used result when full, one at a time", () => {
    const { writer, reader } = setUp("cache-eviction.db");
    try {
      const read = (id: number) => reader.all(SQL, [id]) as { id: number; v: string }[];
      const [one, two] = [read(1), read(2), read(3)];
      // Remembered results come back as the very same array.
      assert.equal(read(1), one, "a hit");
      read(4); // full: drops 2, the least recently used, and keeps 1 (used since)
      assert.equal(read(1), one, "1 was used recently, so it stays");
      const again = read(2);
      assert.notEqual(again, two, "2 was dropped and is read again");
      assert.deepEqual(again, two, "with the same content");
    } finally {
      reader.close();
      writer.close();
    }
  });

  it("never answers from memory after a commit, evicted or not", () => {
    const { writer, reader } = setUp("cache-fresh.db");
    try {
      const value = (id: number) => (reader.all(SQL, [id]) as { v: string }[])[0]?.v;
      for (let id = 1; id <= 5; id++) assert.equal(value(id), `v${id}`); // more than fit: 1 and 2 were dropped
      writer.prepare("update t set v = v || '!'").run();
      for (let id = 1; id <= 5; id++) assert.equal(value(id), `v${id}!`, `row ${id}`);
      writer.prepare("delete from t where id = 5").run();
      assert.equal(value(5), undefined);
      assert.equal(value(4), "v4!", "still correct after the cache was refilled");
    } finally {
      reader.close();
      writer.close();
    }
  });
});
