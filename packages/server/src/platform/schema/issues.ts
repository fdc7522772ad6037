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
