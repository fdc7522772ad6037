// Property tests: random bodies, paths, query strings, methods and
// credentials thrown at every endpoint, bodies included that nest 100,000
// deep, carry hundreds of thousands of floats or hold lone surrogates.
// Whatever arrives, the server answers below 500 and every error body has
// one of the documented shapes (Polar's 4xx bodies).
//
// Reproduce a failure with the seed/path fast-check prints, e.g.
//   FUZZ_SEED=123 FUZZ_PATH="4:1" node --import tsx --test test/http/sqlite.test.ts
// FUZZ_RUNS scales the number of runs per property.

import assert from "node:assert/strict";
import http from "node:http";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import { unique, type Credentials, type TestServer } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const params = (): fc.Parameters<unknown> => ({
  numRuns: RUNS,
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
  ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
});

// ---------------------------------------------------------------------------------------------
// Raw HTTP (node:http, so paths reach the server byte for byte: no URL normalisation of dots).

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Send the body chunked, without Content-Length. */
  chunked?: boolean;
  /** Deliver the body slowly: cut at these fractions of its length, with this pause (ms) before each piece. */
  slow?: { cuts: number[]; pauseMs: number };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `body` in pieces with pauses in between, as a slow or congested client does, then ends the request. */
async function writeSlowly(req: http.ClientRequest, body: Buffer, { cuts, pauseMs }: { cuts: number[]; pauseMs: number }): Promise<void> {
  const offsets = [...new Set(cuts.map((f) => Math.floor(f * body.length)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...offsets, body.length]) {
    if (to <= from) continue;
    req.write(body.subarray(from, to));
    from = to;
    await pause(pauseMs);
  }
  req.end();
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function send(baseUrl: string, request: RawRequest): Promise<RawReply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers: request.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (request.body === undefined) {
      req.end();
    } else if (request.slow) {
      req.setHeader("content-length", String(request.body.length));
      writeSlowly(req, request.body, request.slow).catch(reject);
    } else if (request.chunked) {
      req.setHeader("transfer-encoding", "chunked");
      const half = Math.floor(request.body.length / 2);
      req.write(request.body.subarray(0, half));
      req.end(request.body.subarray(half));
    } else {
      req.setHeader("content-length", String(request.body.length));
      req.end(request.body);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The documented answers.

const DOCUMENTED_STATUSES = new Set([200, 201, 204, 307, 400, 401, 403, 404, 405, 409, 411, 413, 422]);
const SOURCES = new Set(["body", "query", "path"]);

/** Asserts the reply is one the contract allows; returns a description on failure. */
function checkReply(request: RawRequest, reply: RawReply): void {
  const where = `${request.method} ${request.path} -> ${reply.status} ${reply.text.slice(0, 400)}`;
  assert.ok(reply.status < 500, `server error: ${where}`);
  assert.ok(DOCUMENTED_STATUSES.has(reply.status), `undocumented status: ${where}`);
  if (reply.status === 307) {
    assert.ok(
      typeof reply.headers.location === "string" && /^https?:\/\//.test(reply.headers.location),
      `307 without absolute Location: ${where}`,
    );
    return;
  }
  if (request.method === "HEAD" || reply.status === 204) {
    assert.equal(reply.text, "", `body on ${request.method}/${reply.status}: ${where}`);
    return;
  }
  assert.match(String(reply.headers["content-type"] ?? ""), /^application\/json/, `not JSON: ${where}`);
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    assert.fail(`unparseable JSON: ${where}`);
  }
  assert.ok(body !== null && typeof body === "object", `JSON is not an object: ${where}`);
  if (reply.status < 400) return;
  const b = body as Record<string, unknown>;
  if ((reply.status === 401 && b.error === "invalid_token") || (reply.status === 403 && b.error === "insufficient_scope")) {
    assert.deepEqual(Object.keys(b), ["error", "error_description"], where);
    assert.equal(typeof b.error_description, "string", where);
    return;
  }
  assert.ok("detail" in b, `no detail: ${where}`);
  switch (reply.status) {
    case 401:
      assert.deepEqual(b, { error: "Unauthorized", detail: "Unauthorized" }, where);
      break;
    case 403:
      assert.deepEqual(b, { error: "NotPermitted", detail: "You don't have permission to manage customers" }, where);
      break;
    case 404:
      assert.ok(
        (Object.keys(b).length === 1 && b.detail === "Not Found") ||
          (b.error === "ResourceNotFound" && b.detail === "Not found" && Object.keys(b).length === 2),
        `404 shape: ${where}`,
      );
      break;
    case 405:
      assert.deepEqual(b, { detail: "Method Not Allowed" }, where);
      break;
    case 422: {
      assert.ok(b.error === "RequestValidationError" || b.error === "PolarRequestValidationError", `422 error key: ${where}`);
      assert.ok(Array.isArray(b.detail) && b.detail.length > 0, `422 detail: ${where}`);
      for (const item of b.detail as Record<string, unknown>[]) {
        assert.equal(typeof item.type, "string", where);
        assert.equal(typeof item.msg, "string", where);
        assert.ok("input" in item, `422 item without input: ${where}`);
        assert.ok(Array.isArray(item.loc) && SOURCES.has(item.loc[0] as string), `422 loc: ${where}`);
        for (const part of item.loc as unknown[]) assert.ok(typeof part === "string" || Number.isInteger(part), `422 loc part: ${where}`);
        if (b.error === "PolarRequestValidationError") assert.deepEqual(Object.keys(item).sort(), ["input", "loc", "msg", "type"], where);
      }
      break;
    }
    default:
      assert.equal(typeof b.detail, "string", where);
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const PROTO_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"];

const withNul = fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`);

/** A string holding an unpaired UTF-16 surrogate, which JSON.stringify sends as a `\udXXX` escape. */
const withLoneSurrogate = fc
  .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 10 }))
  .map(([a, unit, b]) => `${a}${String.fromCharCode(unit)}${b}`);

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  withNul,
  withLoneSurrogate,
  fc.constantFrom(...PROTO_KEYS),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "null", "true", "0", "-1", "1e309", "é", "😀", "\u202e", "%00", "../"),
);

const hugeNumberText = fc.oneof(
  fc.constantFrom(
    "1e400",
    "-1e400",
    "123456789012345678901234567890",
    "0.000000000000000000000000000001",
    "-0",
    "1E+2",
    "9007199254740993",
  ),
  fc.bigInt().map(String),
);

const countries = fc.oneof(fc.constantFrom("FR", "fr", "US", "CA", "DE", "CU", "XX", "", "RU", "GB", "BR"), text);

const address = fc.oneof(
  fc.record(
    {
      country: countries,
      state: fc.oneof(fc.constantFrom("CA", "NY", "US-CA", "ca", "ON", "CA-QC", null), text),
      line1: fc.oneof(text, fc.constant(null), fc.integer()),
      line2: fc.oneof(text, fc.constant(null)),
      postal_code: fc.oneof(text, fc.constant(null)),
      city: fc.oneof(text, fc.constant(null)),
    },
    { requiredKeys: [] },
  ),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

const email = fc.oneof(
  fc.emailAddress(),
  fc.emailAddress().map((e) => e.toUpperCase()),
  fc.tuple(text, text).map(([l, d]) => `${l}@${d}`),
  fc.constantFrom(
    "a@b",
    "@example.com",
    "a@example.com",
    "Name <x@example.com>",
    "x@[127.0.0.1]",
    "x@example.localhost",
    '"q"@example.com',
    "a..b@example.com",
    "é@exämple.com",
    "a@example.com\u0000",
  ),
  text,
  fc.constant(null),
  fc.integer(),
);

const metadataValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.string({ minLength: 490, maxLength: 510 }),
);
const metadata = fc.oneof(
  fc.dictionary(fc.oneof(fc.string({ maxLength: 45 }), text, fc.constantFrom(...PROTO_KEYS)), metadataValue, { maxKeys: 8 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { minKeys: 49, maxKeys: 52 }),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

const uuid = fc.oneof(fc.uuid(), fc.uuid({ version: 4 }), fc.constant("0b6a4e0a-7d8c-4c5e-9a64-4b9f4b5ad111"));

/** Near-valid customer bodies, one field arbitrary at a time. */
const customerBody = fc.record(
  {
    email,
    type: fc.oneof(fc.constantFrom("individual", "team", "Team", null, 1), text),
    external_id: fc.oneof(text, fc.constant(null), fc.integer()),
    name: fc.oneof(text, fc.constant(null), fc.string({ minLength: 250, maxLength: 260 })),
    billing_address: address,
    tax_id: fc.oneof(fc.constantFrom("FR61954506077", "FR 61 954 506 077", "12-3456789", "DE123", "", null), text),
    locale: fc.oneof(fc.constantFrom("en", "en_US", "fr-ca", "und", "x-private", "zh-hans-cn", "", "i-klingon", null), text),
    metadata,
    organization_id: fc.oneof(uuid, text, fc.constant(null)),
    owner: fc.oneof(
      fc.constant(null),
      fc.record({ email, name: fc.oneof(text, fc.constant(null)), external_id: fc.oneof(text, fc.constant(null)) }, { requiredKeys: [] }),
    ),
    email_verified: fc.boolean(),
    id: uuid,
  },
  { requiredKeys: [] },
);

const deepObject = fc.integer({ min: 1, max: 3000 }).map((depth) => {
  let value: unknown = { email: "deep@example.com" };
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { metadata: value } : [value];
  return value;
});

/** Nesting as text, closed or not, down to far below what any parser should recurse into. */
const deepText = fc
  .tuple(
    fc.integer({ min: 1, max: 100_000 }),
    fc.constantFrom("[", '{"a":', '{"metadata":[', '{"email":"d@example.com","x":['),
    fc.boolean(),
  )
  .map(([depth, open, closed]) => {
    const close = open.endsWith("[") ? (open.startsWith("{") ? "]}" : "]") : "}";
    return open.repeat(depth) + (closed ? `1${close.repeat(depth)}` : "");
  });

const FLOAT_LITERALS = ["1.5", "1.0", "-0.0", "1e400", "2.5e-7", "123456789.123456789", "0.1", "-7E+2"];

/** Up to a few hundred thousand floats (over a megabyte, so parsed in slices) as metadata, a field or the body. */
const floatsBody = fc
  .tuple(fc.integer({ min: 1, max: 300_000 }), fc.constantFrom(...FLOAT_LITERALS), fc.constantFrom("metadata", "name", "junk", "body"))
  .map(([count, literal, where]) => {
    const floats = `[${`${literal},`.repeat(count - 1)}${literal}]`;
    return where === "body" ? floats : `{"email":"floats@example.com","${where}":${floats}}`;
  });

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/merge-patch+json",
  "application/vnd.api+json",
  "text/plain",
  "text/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "application/json; charset=utf-16",
  ";;;",
  "application/",
  "",
];

/** A request body plus its headers. */
const body: fc.Arbitrary<{ body?: Buffer; contentType?: string; chunked?: boolean }> = fc.oneof(
  { weight: 4, arbitrary: customerBody.map((b) => ({ body: Buffer.from(JSON.stringify(b)), contentType: "application/json" })) },
  {
    weight: 2,
    arbitrary: fc
      .jsonValue({ maxDepth: 4 })
      .map((v) => ({ body: Buffer.from(JSON.stringify(v) ?? "null"), contentType: "application/json" })),
  },
  { weight: 1, arbitrary: deepObject.map((v) => ({ body: Buffer.from(JSON.stringify(v)), contentType: "application/json" })) },
  { weight: 1, arbitrary: deepText.map((raw) => ({ body: Buffer.from(raw), contentType: "application/json" })) },
  { weight: 1, arbitrary: floatsBody.map((raw) => ({ body: Buffer.from(raw), contentType: "application/json" })) },
  {
    weight: 1,
    arbitrary: hugeNumberText.map((n) => ({
      body: Buffer.from(`{"email":"n@example.com","metadata":{"n":${n}},"name":${n}}`),
      contentType: "application/json",
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        raw: fc.oneof(
          text,
          fc.string({ unit: "binary", maxLength: 200 }),
          fc.constantFrom("{", "[", '{"email":', '{"a":1,}', '"x"', '{"email":"a@example.com"}garbage', "\uFEFF{}"),
        ),
        contentType: fc.constantFrom(...CONTENT_TYPES),
      })
      .map(({ raw, contentType }) => ({ body: Buffer.from(raw), contentType })),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ body: Buffer.from(bytes), contentType: "application/json" })),
  },
  {
    weight: 1,
    arbitrary: customerBody.map((b) => ({ body: Buffer.from(JSON.stringify(b)), contentType: "application/json", chunked: true })),
  },
  { weight: 1, arbitrary: fc.constant({}) },
);

const segment = fc.oneof(
  fc.constantFrom(
    "",
    ".",
    "..",
    "%2e",
    "%2e%2e",
    "%2E%2E",
    "external",
    "state",
    "export",
    "growth",
    "top",
    "payment-methods",
    "members",
    "%00",
    "a%00",
    "%ZZ",
    "%",
    "%2",
    "%2F",
    "%252F",
    "~",
    "@",
    ":",
    ";",
    "customers",
    "v1",
    "%C3%A9",
    "%FF",
    "%C0%AE",
  ),
  uuid,
  uuid.map((u) => u.toUpperCase()),
  uuid.map((u) => u.replace(/-/g, "")),
  fc.string({ unit: "grapheme", maxLength: 20 }).map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@-]{0,16}$/),
);

const path = fc
  .tuple(
    fc.constantFrom(
      "/v1/customers",
      "/v1/customers",
      "/v1/customers/external",
      "/api/v1/customers",
      "/v1/Customers",
      "/v1//customers",
      "/v1",
    ),
    fc.array(segment, { maxLength: 4 }),
    fc.boolean(),
  )
  .map(([prefix, segments, slash]) => prefix + segments.map((s) => `/${s}`).join("") + (slash ? "/" : ""));

const queryValue = fc.oneof(
  fc.constantFrom(
    "",
    "1",
    "0",
    "-1",
    "100",
    "101",
    "1e3",
    "abc",
    "true",
    "false",
    "yes",
    "Off",
    "t",
    "created_at",
    "-email",
    "name",
    "bogus",
    "%00",
    "a%00b",
    "%ZZ",
    "%",
    "+",
    "a%20b",
    ...PROTO_KEYS,
  ),
  uuid,
  fc.string({ unit: "grapheme", maxLength: 20 }).map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9%._~+-]{0,12}$/),
);

const queryKey = fc.oneof(
  fc.constantFrom(
    "page",
    "limit",
    "sorting",
    "organization_id",
    "active",
    "query",
    "email",
    "anonymize",
    "metadata",
    "metadata[]",
    "metadata[a]",
    "metadata[plan]",
    "metadata[a][b]",
    "metadata%5Bx%5D",
    "metadata[%00]",
    "x",
    ...PROTO_KEYS,
  ),
  fc.constantFrom(...PROTO_KEYS).map((k) => `metadata[${k}]`),
  fc.string({ unit: "grapheme", maxLength: 10 }).map((k) => `metadata[${encodeURIComponent(k)}]`),
  fc.string({ unit: "grapheme", maxLength: 10 }).map(encodeURIComponent),
);

const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 6 })
  .map((pairs) => (pairs.length === 0 ? "" : "?" + pairs.map(([k, v]) => `${k}=${v}`).join("&")));

const METHODS = ["GET", "GET", "POST", "PATCH", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS"];

// ---------------------------------------------------------------------------------------------

export function fuzzCases(get: GetServer): void {
  describe("fuzz: nothing a client sends produces a 5xx or an undocumented answer", () => {
    let org: Credentials;
    let readOnly: string;
    let customerPaths: string[];

    before(async () => {
      const server = get();
      org = await server.newOrganization();
      readOnly = await server.newToken(org.id, ["customers:read"]);
      customerPaths = [];
      for (let i = 0; i < 3; i++) {
        const externalId = unique("fz_");
        const c = await server.createCustomer(
          { external_id: externalId, billing_address: { country: "FR" }, tax_id: "FR61954506077", metadata: { plan: "pro", n: i } },
          org.token,
        );
        customerPaths.push(`/v1/customers/${c.id}`, `/v1/customers/external/${externalId}`);
      }
    });

    const headersFor = (token: string | null, contentType?: string): Record<string, string> => {
      const headers: Record<string, string> = {};
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (contentType) headers["content-type"] = contentType;
      return headers;
    };

    async function run(server: TestServer, request: RawRequest): Promise<void> {
      checkReply(request, await send(server.url, request));
    }

    it("random bodies at create and both PATCH endpoints", async () => {
      const server = get();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(0, 1, 2, 3, 4, 5, 6), body, async (target, b) => {
          const [method, path] = target === 0 || target > 4 ? ["POST", "/v1/customers/"] : ["PATCH", customerPaths[target - 1]];
          await run(server, { method, path, headers: headersFor(org.token, b.contentType), body: b.body, chunked: b.chunked });
        }),
        params(),
      );
    });

    it("random bodies delivered slowly, in pieces, at create and PATCH", async () => {
      const server = get();
      const slow = fc.record({
        cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        pauseMs: fc.integer({ min: 0, max: 40 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(0, 1, 2), body, slow, async (target, b, pieces) => {
          const [method, path] = target === 0 ? ["POST", "/v1/customers/"] : ["PATCH", customerPaths[target - 1]];
          await run(server, {
            method,
            path,
            headers: headersFor(org.token, b.contentType),
            body: b.body,
            chunked: b.chunked,
            slow: b.chunked ? undefined : pieces,
          });
        }),
        { ...params(), numRuns: Math.max(10, Math.ceil(RUNS / 4)) },
      );
    });

    it("random paths and methods under /v1/customers", async () => {
      const server = get();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...METHODS), path, query, body, async (method, p, q, b) => {
          const withBody = method === "POST" || method === "PATCH" || method === "PUT";
          await run(server, {
            method,
            path: p + q,
            headers: headersFor(org.token, withBody ? b.contentType : undefined),
            body: withBody ? b.body : undefined,
            chunked: withBody ? b.chunked : undefined,
          });
        }),
        params(),
      );
    });

    it("random query strings on list, get, state and delete", async () => {
      const server = get();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("/v1/customers/", "/v1/customers/", "/v1/customers/", "state", "get", "delete"),
          fc.integer({ min: 0, max: customerPaths.length - 1 }),
          query,
          async (where, which, q) => {
            if (where.startsWith("/")) return run(server, { method: "GET", path: where + q, headers: headersFor(org.token) });
            const target = customerPaths[which];
            if (where === "state") return run(server, { method: "GET", path: `${target}/state${q}`, headers: headersFor(org.token) });
            // Deleting with a random query must either delete (204) or refuse; use a throwaway customer.
            const doomed = await server.createCustomer({}, org.token);
            return run(server, {
              method: where === "get" ? "GET" : "DELETE",
              path: `/v1/customers/${doomed.id}${q}`,
              headers: headersFor(org.token),
            });
          },
        ),
        params(),
      );
    });

    it("random credentials and versions at every endpoint", async () => {
      const server = get();
      const tokens = fc.oneof(
        fc.constant(org.token),
        fc.constant(readOnly),
        fc.constant(null),
        fc.constantFrom(
          "polar_oat_",
          "polar_oat_nope",
          "polar_pat_x",
          "polar_at_u_x",
          "polar_at_o_x",
          "polar_cst_x",
          "polar_mst_x",
          "polar_crt_x",
          "garbage",
          "polar_oat_\u00e9",
        ),
        fc.string({ maxLength: 20 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
      );
      const endpoints = fc.constantFrom(
        ["GET", "/v1/customers/"],
        ["POST", "/v1/customers/"],
        ["GET", "target"],
        ["PATCH", "target"],
        ["DELETE", "/v1/customers/0b6a4e0a-7d8c-4c5e-9a64-4b9f4b5ad111"],
        ["GET", "target/state"],
      );
      const version = fc.oneof(fc.constant(undefined), fc.constantFrom("2026-04", "2026-10", "2027-01", "2026-4", "", "latest"));
      const scheme = fc.constantFrom("Bearer", "bearer", "BEARER", "Basic", "Token");
      await fc.assert(
        fc.asyncProperty(
          endpoints,
          fc.integer({ min: 0, max: customerPaths.length - 1 }),
          tokens,
          version,
          scheme,
          body,
          async ([method, p], which, token, v, s, b) => {
            const headers = headersFor(null, method === "GET" || method === "DELETE" ? undefined : b.contentType);
            if (token !== null) headers.authorization = `${s} ${token}`;
            if (v !== undefined) headers["polar-version"] = v;
            const target = p.replace("target", customerPaths[which]);
            const withBody = method === "POST" || method === "PATCH";
            await run(server, {
              method,
              path: target,
              headers,
              body: withBody ? b.body : undefined,
              chunked: withBody ? b.chunked : undefined,
            });
          },
        ),
        params(),
      );
    });

    it("decodes malformed percent-escapes in the path leniently, like unquote()", async () => {
      const server = get();
      const headers = headersFor(org.token);
      const stray = await send(server.url, { method: "GET", path: "/v1/customers/%ZZ", headers });
      assert.equal(stray.status, 422, stray.text);
      assert.deepEqual(
        JSON.parse(stray.text).detail.map((d: { loc: unknown; input: unknown }) => [d.loc, d.input]),
        [[["path", "id"], "%ZZ"]],
      );
      const lone = await send(server.url, { method: "GET", path: "/v1/customers/external/100%", headers });
      assert.equal(lone.status, 404, lone.text);
      assert.deepEqual(JSON.parse(lone.text), { error: "ResourceNotFound", detail: "Not found" });
      const badUtf8 = await send(server.url, { method: "DELETE", path: "/v1/customers/external/%C0%AE%FF", headers });
      assert.equal(badUtf8.status, 404, badUtf8.text);
      const route = await send(server.url, { method: "GET", path: "/v1/custo%ZZmers/", headers });
      assert.equal(route.status, 404, route.text);
      assert.deepEqual(JSON.parse(route.text), { detail: "Not Found" });
    });

    it("treats prototype-named metadata keys as ordinary keys", async () => {
      const server = get();
      const org = await server.newOrganization();
      const raw = '{"email":"proto@example.com","metadata":{"__proto__":"x","toString":true,"constructor":1}}';
      const created = await server.request("POST", "/v1/customers/", {
        token: org.token,
        raw,
        headers: { "content-type": "application/json" },
      });
      assert.equal(created.status, 201, created.text);
      const expected = JSON.parse('{"__proto__":"x","toString":true,"constructor":1}');
      assert.deepEqual(created.body.metadata, expected);
      assert.deepEqual((await server.request("GET", `/v1/customers/${created.body.id}`, { token: org.token })).body.metadata, expected);
      for (const q of ["metadata[__proto__]=x", "metadata[toString]=true", "metadata[constructor]=1&metadata[__proto__]=x"]) {
        const list = await server.request("GET", `/v1/customers/?${q}`, { token: org.token });
        assert.equal(list.status, 200, `${q}: ${list.text}`);
        assert.equal(list.body.pagination.total_count, 1, q);
      }
      const none = await server.request("GET", "/v1/customers/?metadata[valueOf]=1", { token: org.token });
      assert.deepEqual(none.body, { items: [], pagination: { total_count: 0, max_page: 0 } });
    });

    it("answers NUL characters in filters, external ids and addresses without a 5xx", async () => {
      const server = get();
      const headers = headersFor(org.token);
      for (const q of ["email=%00", "query=a%00", "metadata[plan]=%00", "metadata[%00]=pro"]) {
        const reply = await send(server.url, { method: "GET", path: `/v1/customers/?${q}`, headers });
        assert.equal(reply.status, 200, `${q}: ${reply.text}`);
        assert.deepEqual(JSON.parse(reply.text), { items: [], pagination: { total_count: 0, max_page: 0 } });
      }
      for (const [method, p] of [
        ["GET", "/v1/customers/external/%00"],
        ["GET", "/v1/customers/external/a%00/state"],
        ["DELETE", "/v1/customers/external/a%00b"],
      ]) {
        const reply = await send(server.url, { method, path: p, headers });
        assert.equal(reply.status, 404, `${method} ${p}: ${reply.text}`);
        assert.deepEqual(JSON.parse(reply.text), { error: "ResourceNotFound", detail: "Not found" });
      }
      const patch = await send(server.url, {
        method: "PATCH",
        path: "/v1/customers/external/%00",
        headers: headersFor(org.token, "application/json"),
        body: Buffer.from("{}"),
      });
      assert.equal(patch.status, 404, patch.text);
      const create = await server.request("POST", "/v1/customers/", {
        token: org.token,
        body: { email: `${unique("nul")}@example.com`, billing_address: { country: "FR", city: "a\u0000b" } },
      });
      assert.equal(create.status, 422, create.text);
      assert.deepEqual(
        create.body.detail.map((d: { type: string; loc: unknown[] }) => [d.type, d.loc]),
        [["value_error", ["body", "individual", "billing_address", "city"]]],
      );
      const update = await server.request("PATCH", customerPaths[0], {
        token: org.token,
        body: { billing_address: { country: "DE", line1: "\u0000" } },
      });
      assert.equal(update.status, 422, update.text);
      assert.deepEqual(update.body.detail[0].loc, ["body", "billing_address", "line1"]);
    });

    it("still serves a normal request after the fuzzing", async () => {
      const server = get();
      const reply = await server.request("GET", "/v1/customers/?limit=100", { token: org.token });
      assert.equal(reply.status, 200, reply.text);
      assert.ok(reply.body.pagination.total_count >= 3);
      for (const p of customerPaths) {
        const one = await server.request("GET", p, { token: org.token });
        assert.equal(one.status, 200, `${p}: ${one.text}`);
      }
      const created = await server.createCustomer({ name: "after fuzz" }, org.token);
      assert.equal(created.name, "after fuzz");
    });
  });
}
