// The shape of the contract suites that every module contributes to: storage
// cases run against each backend, HTTP cases against a real server on each.
import type { Storage } from "../../src/storage.js";
import type { TestServer } from "./server.js";

/** Every case creates its own organizations, so all cases share one storage. */
export type GetStorage = () => Storage;
export type GetServer = () => TestServer;

export interface ContractTarget {
  dialect: Storage["dialect"];
  /** Opens a storage on one shared database; may be called several times, also concurrently. */
  open(): Promise<Storage>;
  /** Opens a storage on a brand-new database (no data, no planner statistics); closing it discards the database. */
  fresh(): Promise<Storage>;
  /** A brand-new, empty database (not even migrated): its URL, and how to discard it. */
  freshUrl(): Promise<{ url: string; drop(): Promise<void> }>;
}

export interface HttpTarget {
  backend: "sqlite" | "postgres";
  databaseUrl(): Promise<string>;
}

/** What `src/modules/<name>/tests/index.ts` exports. */
export interface ModuleTests {
  /** `target` opens further storages on the same database (for cases about opening, migrating, several instances). */
  storage?: readonly ((get: GetStorage, target: ContractTarget) => void)[];
  http?: readonly ((get: GetServer) => void)[];
}
