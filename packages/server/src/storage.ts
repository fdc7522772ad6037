// The composed storage: one database connection, one store per module, and a
// unit of work that gives every store the same transaction.

import { MODULES } from "./modules.js";
import { discardEvents, type EventSink } from "./platform/events.js";
import { mergeMigrations } from "./platform/storage/migrations.js";
import { openDatabase, type OpenDatabaseOptions } from "./platform/storage/open.js";
import type { DialectName, SqlContext, SqlDatabase } from "./platform/storage/seam.js";

type Modules = (typeof MODULES)[number];

/** `storage.customers`, `storage.accounts`, …: each module's store under its name. */
export type Stores = { [M in Modules as M["name"]]: ReturnType<M["store"]> };

/** The stores of one transaction, plus the sink for the domain events of the change (platform/events.ts). */
export type UnitOfWork = Stores & { outbox: EventSink };

export interface Storage extends Stores {
  readonly dialect: DialectName;
  /** Runs `work` in one transaction: everything done through `tx`, events included, commits together or not at all. */
  transaction<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T>;
  /** The platform database under the stores, for test and seed helpers. */
  readonly database: SqlDatabase;
  close(): Promise<void>;
}

export type OpenStorageOptions = OpenDatabaseOptions;

const MIGRATIONS = mergeMigrations(MODULES.map((m) => m.migrations));

function storesOn(context: SqlContext): Stores {
  const stores: Record<string, unknown> = {};
  for (const module of MODULES) stores[module.name] = module.store(context);
  return stores as Stores;
}

/** The stores on a transaction, with the event sink of the module that receives events writing on the same one. */
function unitOfWorkOn(context: SqlContext): UnitOfWork {
  const stores = storesOn(context);
  let outbox: EventSink = discardEvents;
  for (const module of MODULES as readonly { name: string; outbox?(store: unknown): EventSink }[])
    if (module.outbox) outbox = module.outbox((stores as Record<string, unknown>)[module.name]);
  return { ...stores, outbox };
}

/**
 * `sqlite:./data/polar.db` (relative to cwd), `sqlite:/abs/path.db`,
 * `sqlite::memory:`, or `postgres://…` / `postgresql://…`. Every module's
 * migrations run before the promise resolves.
 */
export async function openStorage(url: string, options: OpenStorageOptions = {}): Promise<Storage> {
  const database = await openDatabase(url, MIGRATIONS, options);
  return {
    ...storesOn(database),
    dialect: database.dialect.name,
    database,
    transaction: (work) => database.transaction((tx) => work(unitOfWorkOn(tx))),
    close: () => database.close(),
  };
}

/**
 * The storage as seen from inside one of its transactions: every store on
 * `tx`, and each unit of work a service starts joins `tx` instead of opening
 * another. What a seed file's services run on, so a whole file commits or
 * rolls back as one.
 */
export function withinTransaction(storage: Storage, tx: UnitOfWork): Storage {
  return {
    ...tx,
    dialect: storage.dialect,
    database: storage.database,
    transaction: (work) => work(tx),
    close: () => storage.close(),
  };
}
