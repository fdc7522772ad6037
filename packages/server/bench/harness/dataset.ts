// The benchmark data set: deterministic synthetic customers, so a cached data
// set and a freshly generated one are the same rows. Names are made of random
// syllables so that a 4–6 character search term matches some hundreds or
// thousands of customers at 1 M, not all of them (as "user123@…" would).
import type { Address, NewCustomer } from "../../src/modules/customers/index.js";

/** Bump when the rows below change: it is part of the cache key. */
export const DATASET_VERSION = 1;

/** Ids the load scripts pick from; at 10 k this is the whole organization. */
export const SAMPLE_SIZE = 10_000;
/** Search terms the list-query script picks from. */
export const QUERY_TERMS = 400;

export interface DatasetPlan {
  size: number;
  /** Other organizations, so every query must filter by organization. */
  noiseOrganizations: number;
  noiseCustomersEach: number;
}

export function planFor(size: number): DatasetPlan {
  return { size, noiseOrganizations: 4, noiseCustomersEach: Math.max(500, Math.round(size / 100)) };
}

/** mulberry32: small, fast and good enough to spread ids and names. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ran",
  "sel",
  "to",
  "vi",
  "an",
  "bel",
  "cor",
  "da",
  "el",
  "fin",
  "gra",
  "hal",
  "is",
  "jo",
  "ken",
  "lu",
  "mar",
  "ne",
  "ol",
  "pa",
  "qui",
  "ros",
  "sa",
  "tin",
  "ul",
  "ver",
  "wen",
  "xa",
  "yo",
  "zan",
  "bri",
  "dor",
  "em",
];
const DOMAINS = Array.from({ length: 300 }, (_, i) => `${["mail", "post", "inbox", "corp", "team", "works"][i % 6]}${i}.example`);
const TLDS = ["com", "net", "org", "io", "se", "de"];
const COUNTRIES = ["SE", "US", "DE", "FR", "GB", "NL", "ES", "IT"];
const PLANS = ["free", "pro", "team", "enterprise"];
/** 2024-01-01, and one customer every 30 s after it: 1 M customers span about a year. */
const START = Date.UTC(2024, 0, 1);

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const word = (rand: () => number, syllables: number) => Array.from({ length: syllables }, () => pick(rand, SYLLABLES)).join("");
const capitalise = (w: string) => w[0].toUpperCase() + w.slice(1);

function uuid4(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(rand() * 4)];
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Customer `index` of an organization, as the API would have stored it (lower-case ASCII email, trimmed name). */
function makeCustomer(rand: () => number, organizationId: string, index: number, externalPrefix: string): NewCustomer {
  const first = word(rand, 2 + Math.floor(rand() * 2));
  const last = word(rand, 2 + Math.floor(rand() * 2));
  const hasName = rand() >= 0.1;
  const hasAddress = rand() < 0.4;
  const address: Address | null = hasAddress
    ? {
        line1: `${1 + Math.floor(rand() * 200)} ${capitalise(word(rand, 2))} Street`,
        line2: null,
        postalCode: String(10000 + Math.floor(rand() * 89999)),
        city: capitalise(word(rand, 3)),
        state: null,
        country: pick(rand, COUNTRIES),
      }
    : null;
  return {
    id: uuid4(rand),
    organizationId,
    createdAt: new Date(START + index * 30_000),
    email: `${first}.${last}.${index.toString(36)}@${pick(rand, DOMAINS)}.${pick(rand, TLDS)}`,
    type: "individual",
    name: hasName ? `${capitalise(first)} ${capitalise(last)}` : null,
    billingName: null,
    billingAddress: address,
    taxId: null,
    locale: rand() < 0.3 ? pick(rand, ["en", "sv", "de", "fr"]) : null,
    externalId: `${externalPrefix}${index.toString(36).padStart(5, "0")}`,
    metadata: { plan: pick(rand, PLANS), seats: 1 + Math.floor(rand() * 50) },
  };
}

/** The customers of one organization, in creation order. */
export function* organizationCustomers(
  organizationId: string,
  count: number,
  seed: number,
  externalPrefix: string,
): Generator<NewCustomer> {
  const rand = randomSource(seed);
  for (let i = 0; i < count; i++) yield makeCustomer(rand, organizationId, i, externalPrefix);
}

export interface Sample {
  ids: string[];
  externalIds: string[];
  /** Lower-case substrings (4–6 characters) of sampled customers' emails or names; each matches at least that customer. */
  queryTerms: string[];
}

/** Keeps about SAMPLE_SIZE customers spread over the whole organization, and derives search terms from them. */
export class Sampler {
  private readonly rand = randomSource(0x5eed);
  private readonly keep: number;
  private readonly names: string[] = [];
  readonly sample: Sample = { ids: [], externalIds: [], queryTerms: [] };

  constructor(size: number) {
    this.keep = Math.min(1, SAMPLE_SIZE / size);
  }

  offer(c: NewCustomer): void {
    if (this.keep < 1 && this.rand() >= this.keep) return;
    this.sample.ids.push(c.id);
    this.sample.externalIds.push(c.externalId!);
    this.names.push(this.rand() < 0.5 && c.name ? c.name.toLowerCase() : c.email!.split("@")[0]);
  }

  finish(): Sample {
    for (let i = 0; i < QUERY_TERMS && this.names.length > 0; i++) {
      const source = pick(this.rand, this.names);
      const length = Math.min(source.length, 4 + Math.floor(this.rand() * 3));
      const start = Math.floor(this.rand() * (source.length - length + 1));
      this.sample.queryTerms.push(source.slice(start, start + length));
    }
    return this.sample;
  }
}
