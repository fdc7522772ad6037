// What a resource module gives the platform. Adding a resource means a new
// folder under modules/ that exports one of these, its migration steps, and
// one line in src/modules.ts.

import type { Operation } from "./http/operation.js";
import type { DeferredEventRenderer, EventSink } from "./events.js";
import type { ScheduledJob } from "./scheduler.js";
import type { ModuleSeeder } from "./seed.js";
import type { ModuleMigrations } from "./storage/migrations.js";
import type { SqlContext } from "./storage/seam.js";

export interface Module<Name extends string = string, Store = unknown, Deps = never, Services = unknown> {
  /** Also the property under which the composed storage exposes this module's store. */
  readonly name: Name;
  readonly migrations: ModuleMigrations;
  /** Builds the store on a connection or inside a transaction. */
  store(context: SqlContext): Store;
  /** The services the operations call, built from the composed storage (which must satisfy `Deps`). */
  services?(deps: Deps): Services;
  readonly operations?: readonly Operation<Services>[];
  /** Work that falls due with time (period ends…), run by the scheduler inside `serve` and by test-clock advances. */
  jobs?(deps: Deps): readonly ScheduledJob[];
  /**
   * This module receives the domain events recorded in a unit of work (at most
   * one module does): the sink writes them on the same transaction as `store`.
   */
  outbox?(store: Store): EventSink;
  /** Builds the data of deferred events of these types when they are sent (see platform/events.ts). */
  deferredEvents?(deps: Deps): Readonly<Record<string, DeferredEventRenderer>>;
  /** A loop that runs inside `serve` for as long as the server does (e.g. sending webhooks); stopped before the database closes. */
  background?(deps: Deps): BackgroundTask;
  /** Its section of a seed file's organization entries, loaded with the same deps as the services. */
  readonly seed?: ModuleSeeder<Deps>;
  /**
   * Deletes everything this module holds for one organization, leaving the
   * organization (and its tokens) in place: the test-reset endpoint. Runs
   * inside one transaction over every module, later modules first.
   */
  resetOrganization?(store: Store, organizationId: string): Promise<void>;
}

export interface BackgroundTask {
  /** Stops the loop and waits for the work in progress. */
  stop(): Promise<void>;
}

/** Identity, for inference: `defineModule({...})` keeps the literal name and the store type. */
export const defineModule = <Name extends string, Store, Deps = never, Services = unknown>(
  module: Module<Name, Store, Deps, Services>,
): Module<Name, Store, Deps, Services> => module;
