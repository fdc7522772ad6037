// The period-end job (§4.6) as a function the scheduler calls: every billable
// subscription of a live customer whose period ended by `upTo` is processed,
// earliest first, one transaction each. The claim locks the row and skips rows
// another worker holds (PostgreSQL FOR UPDATE SKIP LOCKED; SQLite runs one
// write transaction at a time), and the claim itself re-checks the period end
// inside the transaction, so two servers on one database never process the
// same period end twice. Processing happens "at" the period end, as real time
// would have, so a subscription several periods behind renews once per period.
import type { SubscriptionStore } from "./store.js";
import type { MeterLedger } from "../grants/index.js";
import { processPeriodEnd, type SubscriptionTx } from "./lifecycle.js";

export interface PeriodEndDeps {
  /** Read first: an idle pass opens no write transaction (on SQLite that would contend with every writer). */
  subscriptions: Pick<SubscriptionStore, "anyDue">;
  transaction<T>(work: (tx: SubscriptionTx) => Promise<T>): Promise<T>;
  meterLedgerFor?(tx: SubscriptionTx): MeterLedger;
}

export interface PeriodEndOptions {
  upTo: Date;
  organizationIds?: readonly string[];
  excludeOrganizationIds?: readonly string[];
}

/** Processes every due period end; resolves to how many were processed. */
export async function processDuePeriodEnds(deps: PeriodEndDeps, options: PeriodEndOptions): Promise<number> {
  let processed = 0;
  for (;;) {
    if (!(await deps.subscriptions.anyDue(options))) return processed;
    const done = await deps.transaction(async (tx) => {
      const due = await tx.subscriptions.claimNextDue(options);
      if (!due) return false;
      await processPeriodEnd({ ...tx, ledger: deps.meterLedgerFor?.(tx) }, due);
      return true;
    });
    if (!done) return processed;
    processed += 1;
  }
}

/** The job bound to its dependencies: `processDuePeriodEnds({ upTo })`. */
export const periodEndJob = (deps: PeriodEndDeps) => (options: PeriodEndOptions) => processDuePeriodEnds(deps, options);
