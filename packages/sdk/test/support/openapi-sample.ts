// Random wire payloads for the webhook events, generated from the schemas of Polar's OpenAPI
// document (the reference copy in shared/reference beside the repository). Used to compare our
// decoding with the official SDK's on payloads neither side wrote by hand.
import { existsSync, readFileSync } from "node:fs";

type Schema = { [key: string]: any };

const OPENAPI = new URL("../../../../../shared/reference/polar-openapi-2026-04.json", import.meta.url);

export function loadOpenAPI(): { schemas: Record<string, Schema>; webhooks: Map<string, Schema> } {
  if (!existsSync(OPENAPI)) throw new Error(`Polar's OpenAPI document is needed at ${OPENAPI.pathname}`);
  const doc = JSON.parse(readFileSync(OPENAPI, "utf8"));
  const schemas: Record<string, Schema> = doc.components.schemas;
  const webhooks = new Map<string, Schema>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (/^Webhook\w+Payload$/.test(name)) webhooks.set(schema.properties.type.const, schema);
  }
  return { schemas, webhooks };
}

/** A small deterministic PRNG, so a failing seed can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const MAX_DEPTH = 7;
// Keys of maps without a declared key format: underscores show whether a decoder wrongly camelCases them.
const MAP_KEYS = ["plan", "seat_count", "user_id", "a_b_c"];

export function sample(schemas: Record<string, Schema>, schema: Schema, rnd: () => number, depth = 0): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const deep = depth >= MAX_DEPTH;
  if (schema["$ref"]) return sample(schemas, schemas[schema["$ref"].split("/").pop()]!, rnd, depth);
  const options: Schema[] | undefined = schema["anyOf"] ?? schema["oneOf"];
  if (options) {
    const nullOption = options.find((o) => o["type"] === "null");
    return sample(schemas, deep && nullOption ? nullOption : pick(options), rnd, depth);
  }
  if (schema["allOf"]) {
    const parts = schema["allOf"].map((s: Schema) => (s["$ref"] ? schemas[s["$ref"].split("/").pop()]! : s));
    return sample(
      schemas,
      {
        type: "object",
        properties: Object.assign({}, ...parts.map((p: Schema) => p["properties"])),
        required: parts.flatMap((p: Schema) => p["required"] ?? []),
      },
      rnd,
      depth,
    );
  }
  if ("const" in schema) return schema["const"];
  if (schema["enum"]) return pick(schema["enum"]);
  switch (schema["type"]) {
    case "null":
      return null;
    case "boolean":
      return rnd() < 0.5;
    case "integer":
      return int(schema["minimum"] ?? (schema["exclusiveMinimum"] ?? -1) + 1, schema["maximum"] ?? 100000);
    case "number":
      return Math.round(rnd() * 1e6) / 100;
    case "string":
      return sampleString(schema["format"], rnd, pick, int);
    case "array":
      return Array.from({ length: deep ? 0 : int(0, 2) }, () => sample(schemas, schema["items"] ?? {}, rnd, depth + 1));
    case "object": {
      const out: Record<string, unknown> = {};
      const required: string[] = schema["required"] ?? [];
      for (const [key, child] of Object.entries<Schema>(schema["properties"] ?? {})) {
        // Polar's server always writes a field that has a default, so only the others may be absent.
        if (required.includes(key) || "default" in child || (!deep && rnd() < 0.6)) out[key] = sample(schemas, child, rnd, depth + 1);
      }
      const extra = schema["additionalProperties"];
      if (!schema["properties"] && extra) {
        for (let i = int(0, deep ? 0 : 2); i > 0; i--) {
          const keyFormat: string | undefined = schema["propertyNames"]?.["format"];
          out[keyFormat ? sampleString(keyFormat, rnd, pick, int) : pick(MAP_KEYS)] =
            extra === true ? pick(["x", 1, true]) : sample(schemas, extra, rnd, depth + 1);
        }
      }
      return out;
    }
    default:
      return pick(["any", 7, false]);
  }
}

function sampleString(
  format: string | undefined,
  rnd: () => number,
  pick: <T>(l: readonly T[]) => T,
  int: (a: number, b: number) => number,
): string {
  const two = (n: number) => String(n).padStart(2, "0");
  switch (format) {
    case "date-time": {
      const fraction = pick(["", ".5", ".123", ".123456"]);
      return `20${two(int(20, 30))}-${two(int(1, 12))}-${two(int(1, 28))}T${two(int(0, 23))}:${two(int(0, 59))}:${two(int(0, 59))}${fraction}${pick(["Z", "+02:00", "-05:30"])}`;
    }
    case "date":
      return `2026-${two(int(1, 12))}-${two(int(1, 28))}`;
    case "uuid":
    case "uuid4":
      return "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx".replace(/x/g, () => "0123456789abcdef"[int(0, 15)]!);
    case "email":
      return pick(["jane@example.com", "ops@acme.io"]);
    case "uri":
      return "https://example.com/a_b";
    default:
      return pick(["", "abc", "snake_case", "2026-08-22T10:00:00Z", "Ünïcode ✓"]);
  }
}
