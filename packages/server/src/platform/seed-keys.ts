// Handles inside one seed file. An entry may carry a seed-only `key`; other
// entries of the same organization entry refer to it by that key where the
// API takes an id (a product's `benefits`, a price's `meter`, a
// subscription's `product`). Keys live only in the file: on a later run the
// key names whatever resource the entry matched (see each module's seed).
import { canonicalUuid } from "./schema/uuid.js";
import { SeedError, formatSeedPath, type SeedPath } from "./seed.js";

export class SeedKeys {
  /** section → key → resource id and the entry that gave the key. */
  private readonly bySection = new Map<string, Map<string, { id: string; at: SeedPath }>>();

  /** Records that the entry at `at` (in `section`) is resource `id` under `key`. */
  define(section: string, key: string | undefined, id: string, at: SeedPath): void {
    if (key === undefined) return;
    let keys = this.bySection.get(section);
    if (!keys) this.bySection.set(section, (keys = new Map()));
    const earlier = keys.get(key);
    if (earlier) throw new SeedError([...at, "key"], `"${key}" is already the key of ${formatSeedPath(earlier.at)}`);
    keys.set(key, { id, at });
  }

  /** The id of the resource with this key in `section`, if an earlier entry of this organization entry defined it. */
  find(section: string, key: string): string | undefined {
    return this.bySection.get(section)?.get(key)?.id;
  }

  /** The id behind a key the value at `at` names, or a SeedError that lists the keys there are. */
  resolve(section: string, key: unknown, at: SeedPath): string {
    if (typeof key !== "string") throw new SeedError(at, `must be the key (a string) of an entry of ${section}`);
    const id = this.find(section, key);
    if (id !== undefined) return id;
    const known = [...(this.bySection.get(section)?.keys() ?? [])].map((k) => `"${k}"`);
    const there = known.length > 0 ? `their keys: ${known.join(", ")}` : "none of them has a key";
    throw new SeedError(at, `"${key}" is not the key of any ${section} entry of this organization (${there})`);
  }
}

/** An entry's optional `key`: a non-empty string that cannot be mistaken for an id. */
export function entryKey(entry: Record<string, unknown>, at: SeedPath): string | undefined {
  const key = entry.key;
  if (key === undefined) return undefined;
  if (typeof key !== "string" || key.trim() === "") throw new SeedError([...at, "key"], "must be a non-empty string");
  if (canonicalUuid(key) !== null) throw new SeedError([...at, "key"], "must not look like a UUID (give ids where the API takes ids)");
  return key;
}

/**
 * `object` with its seed-only reference `keyField` (`meter`) replaced by the API's
 * `idField` (`meter_id`) holding the id that key stands for; as it is without one.
 */
export function withReference(
  keys: SeedKeys,
  object: Record<string, unknown>,
  fields: { keyField: string; idField: string; section: string },
  at: SeedPath,
): Record<string, unknown> {
  const { [fields.keyField]: key, ...rest } = object;
  if (key === undefined) return object;
  if (object[fields.idField] !== undefined)
    throw new SeedError([...at, fields.keyField], `give ${fields.keyField} (a key in this file) or ${fields.idField}, not both`);
  return { ...rest, [fields.idField]: keys.resolve(fields.section, key, [...at, fields.keyField]) };
}

/**
 * Within one organization entry the field that finds an entry's resource on the
 * next run (a meter's name) must differ between entries, or the second would
 * silently be taken for the first.
 */
export class MatchedOnce {
  private readonly seen = new Map<string, SeedPath>();

  constructor(private readonly field: string) {}

  claim(value: string, at: SeedPath): void {
    const earlier = this.seen.get(value);
    if (earlier)
      throw new SeedError([...at, this.field], `${formatSeedPath(earlier)} has the same ${this.field}; seed entries are told apart by it`);
    this.seen.set(value, at);
  }
}
