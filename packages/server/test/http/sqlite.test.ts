// A file database, as `npm start` uses: WAL mode and the read-only reader
// connection are then part of what the suite exercises.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { httpContract } from "./contract.case.js";

const dir = mkdtempSync(join(tmpdir(), "polar-http-"));
after(() => rmSync(dir, { recursive: true, force: true }));

httpContract({ backend: "sqlite", databaseUrl: async () => `sqlite:${join(dir, "http.db")}` });
