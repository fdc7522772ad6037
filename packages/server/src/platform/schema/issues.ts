// Validation issues in the exact shape Polar (FastAPI/Pydantic) puts in a 422
// body's `detail` array: {type, loc, msg, input, ctx?}.

export type Loc = readonly (string | number)[];

export interface Issue {
  type: string;
  loc: Loc;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export const issue = (type: string, loc: Loc, msg: string, input: unknown, ctx?: Record<string, unknown>): Issue =>
  ctx === undefined ? { type, loc, msg, input } : { type, loc, msg, input, ctx };

/**
 * The most issues one 422 lists. Pydantic lists every failing item, and only metadata fails item by
 * item: a client within the 50-key limit gets at most 200 issues. Past this many, validation stops
 * and the list is cut, so a huge body cannot turn into millions of issues.
 */
export const MAX_ISSUES = 1000;
