// Finished answers of read operations, kept while the stored data is unchanged.
//
// A read operation marked `memo` answers from stored data, the caller and its
// input alone (no clock, no randomness). Its serialised body can then be
// reused for as long as nothing has been committed to the database since it
// was computed. The storage provides the proof, a change mark:
// - SQLite: `PRAGMA data_version`, which changes after any commit by any
//   connection or process on the file;
// - PostgreSQL: the current snapshot (`pg_current_snapshot()`: xmax and the
//   list of transactions in progress). Two equal snapshots see exactly the
//   same committed transactions, and any write anywhere in the cluster changes
//   it, so every server instance notices every other instance's commits.
//
// The mark is read before the answer is computed. Had the computation seen a
// transaction that the mark does not, that transaction committed after the
// mark was read, and every later mark differs: the answer is never served
// after a commit it might not reflect. Only successful answers are kept.

/** A value that changes whenever any committed data changes (sync on SQLite, one round trip on PostgreSQL). */
export type ChangeMark = () => unknown;

/** Total characters of bodies kept; the least recently used answer makes room. */
const DEFAULT_BUDGET_CHARS = 16 * 1024 * 1024;

export class AnswerMemo {
  /** Body by key, least recently used first; all recorded under `mark`. */
  private readonly answers = new Map<string, string>();
  private chars = 0;
  private mark: unknown = undefined;

  constructor(
    private readonly changeMark: ChangeMark,
    private readonly budgetChars = DEFAULT_BUDGET_CHARS,
  ) {}

  /**
   * The body recorded for `key` under the current mark, or the one `compute` gives (then recorded).
   * When the mark cannot be read (the database is down), `compute` runs and reports that itself.
   */
  async remember(key: string, compute: () => Promise<string>): Promise<string> {
    let mark: unknown;
    try {
      const pending = this.changeMark();
      mark = pending instanceof Promise ? await pending : pending;
    } catch {
      return compute();
    }
    this.adopt(mark);
    const remembered = this.get(key);
    if (remembered !== undefined) return remembered;
    const body = await compute();
    this.set(mark, key, body);
    return body;
  }

  /** Makes `mark` current; answers recorded under another one are forgotten. */
  adopt(mark: unknown): void {
    if (mark !== this.mark) {
      this.answers.clear();
      this.chars = 0;
      this.mark = mark;
    }
  }

  /** The body recorded for `key` under the current mark. */
  get(key: string): string | undefined {
    const body = this.answers.get(key);
    if (body !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, body);
    }
    return body;
  }

  /** Records a body computed from data read after `mark` was read. */
  set(mark: unknown, key: string, body: string): void {
    // Something was committed while it was computed: it may already be out of date.
    if (mark !== this.mark || body.length > this.budgetChars / 8) return;
    const previous = this.answers.get(key);
    if (previous !== undefined) {
      this.answers.delete(key);
      this.chars -= previous.length;
    }
    while (this.chars + body.length > this.budgetChars) {
      const [oldestKey, oldest] = this.answers.entries().next().value!;
      this.answers.delete(oldestKey);
      this.chars -= oldest.length;
    }
    this.answers.set(key, body);
    this.chars += body.length;
  }
}
