// Finished answers of read operations, kept while the stored data is unchanged.
//
// A read operation marked `memo` answers from stored data, the caller and its
// input alone (no clock, no randomness). Its serialised body can then be
// reused for as long as nothing has been committed to the database since it
// was computed. The storage provides the proof: a change mark that differs
// after any commit by any connection or process (SQLite's `PRAGMA
// data_version`). Without a mark (PostgreSQL: no cheap signal that covers every
// instance) there is no memo and every read is computed.
//
// The mark is taken before the answer is computed: a commit that lands while
// the reads run changes the mark, so that answer is dropped on the next
// lookup. An answer is never served after a commit it might not reflect.

/** A value that changes whenever any committed data changes. */
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

  /** The mark now; answers recorded under an earlier one are forgotten. */
  current(): unknown {
    const mark = this.changeMark();
    if (mark !== this.mark) {
      this.answers.clear();
      this.chars = 0;
      this.mark = mark;
    }
    return this.mark;
  }

  /** The body recorded for `key` under the current mark (call `current()` first). */
  get(key: string): string | undefined {
    const body = this.answers.get(key);
    if (body !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, body);
    }
    return body;
  }

  /** Records a body computed from data read after `current()` returned `mark`. */
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
