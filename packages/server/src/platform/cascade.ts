// A module's write and what later modules do about it, in one transaction.
// An earlier module cannot import a later one, so it asks for a Cascading
// unit in its deps; the composition (src/server.ts) builds it from the
// storage's transaction and the later module's reaction.

/** Runs `work` in one transaction; `cascade(subject, at)` runs the later modules' reactions on the same transaction. */
export type Cascading<Tx, Subject> = <T>(
  work: (tx: Tx, cascade: (subject: Subject, at: Date) => Promise<void>) => Promise<T>,
) => Promise<T>;
