import type { Kysely } from "kysely";
import type { Storage } from "../types.js";
import { KyselyAuthStore } from "./auth.js";
import { KyselyCustomerStore } from "./customers.js";
import type { DialectFragments } from "./fragments.js";
import type { Database } from "./schema.js";
import type { DirectReader } from "./prepared.js";

/** One Storage for both backends; only the Kysely dialect and the fragments differ. */
export class KyselyStorage implements Storage {
  readonly customers: KyselyCustomerStore;
  readonly auth: KyselyAuthStore;

  constructor(
    /** Internal: for storage-layer helpers (e.g. storage/testing.ts), never for other layers. */
    readonly db: Kysely<Database>,
    readonly fragments: DialectFragments,
    private readonly reader?: DirectReader,
  ) {
    this.customers = new KyselyCustomerStore(db, fragments, reader);
    this.auth = new KyselyAuthStore(db, fragments);
  }

  get dialect(): "sqlite" | "postgres" {
    return this.fragments.name;
  }

  async close(): Promise<void> {
    this.reader?.close();
    await this.db.destroy();
  }
}
