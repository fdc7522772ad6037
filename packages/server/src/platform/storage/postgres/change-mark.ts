// PostgreSQL's change mark (see platform/http/answer-memo.ts): the current
// snapshot, read with as few round trips as correctness allows.
//
// A request may only use a snapshot taken after it arrived: one taken earlier
// could predate a commit that was acknowledged before the request was sent.
// A query already on its way was issued before the caller arrived, so it is
// never reused. Instead, everyone who arrives while one is on its way shares
// the next one, issued as soon as that one is back. Under load that is one
// query per round trip for any number of concurrent reads, instead of one each.

export type ReadSnapshot = () => Promise<string>;

export function coalescedSnapshots(read: ReadSnapshot): () => Promise<string> {
  let onItsWay: Promise<unknown> | null = null;
  /** The query that will be issued once `onItsWay` is back, shared by everyone waiting for it. */
  let next: Promise<string> | null = null;

  const issue = (): Promise<string> => {
    const query = read();
    const settled = query.then(
      () => undefined,
      () => undefined,
    );
    onItsWay = settled;
    void settled.then(() => {
      if (onItsWay === settled) onItsWay = null;
    });
    return query;
  };

  return () => {
    if (next !== null) return next;
    if (onItsWay === null) return issue();
    next = onItsWay.then(() => {
      next = null;
      return issue();
    });
    return next;
  };
}
