// One SqlDatabase for both backends; only the Kysely dialect, the codec and
// the hot-read path differ.
import type { DirectReader } from "./prepared.js";
import type { AnyKysely, Dialect, SqlContext, SqlDatabase } from "./seam.js";
import { translating } from "./translate.js";

export class KyselyDatabase implements SqlDatabase {
  readonly inTransaction = false;

  constructor(
    readonly db: AnyKysely,
    readonly dialect: Dialect,
    readonly reader?: DirectReader,
  ) {}

  transaction<T>(work: (tx: SqlContext) => Promise<T>): Promise<T> {
    // BEGIN and COMMIT run outside any store's translation; an unreachable database must still say so.
    return translating(this.dialect, () =>
      this.db.transaction().execute((trx) => work({ db: trx, dialect: this.dialect, inTransaction: true })),
    );
  }

  async close(): Promise<void> {
    this.reader?.close();
    await this.db.destroy();
  }
}
