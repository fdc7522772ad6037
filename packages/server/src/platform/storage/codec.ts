// How values travel to and from each backend. Column values are the encoded
// forms (epoch ms vs Date, 0/1 vs boolean, JSON text vs parsed jsonb), so
// table types use these loose aliases and rows are converted by the codec.

/** Epoch milliseconds (SQLite) or Date (PostgreSQL timestamptz). */
export type TimeValue = number | Date;
/** 0/1 (SQLite) or boolean (PostgreSQL). */
export type BoolValue = number | boolean;
/** JSON text on write for both; parsed object when PostgreSQL reads jsonb. */
export type JsonValue = string | object;

export interface Codec {
  time(value: Date): TimeValue;
  readTime(value: unknown): Date;
  bool(value: boolean): BoolValue;
  readBool(value: unknown): boolean;
  json(value: unknown): JsonValue;
  readJson(value: unknown): unknown;
}

export const timeOrNull = (codec: Codec, value: Date | null | undefined): TimeValue | null => (value == null ? null : codec.time(value));
export const readTimeOrNull = (codec: Codec, value: unknown): Date | null => (value == null ? null : codec.readTime(value));
export const jsonOrNull = (codec: Codec, value: unknown): JsonValue | null => (value == null ? null : codec.json(value));
