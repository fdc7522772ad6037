// Retries, timeouts, aborts, connection failures, HTTPClient hooks and debug logging, with an injected fetch.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PolarCore } from "../src/core.js";
import { customersCreate } from "../src/funcs/customersCreate.js";
import { customersGet } from "../src/funcs/customersGet.js";
import { HTTPClient } from "../src/lib/http.js";
import { matchesCode, retryAfterMs } from "../src/lib/retries.js";
import {
  ConnectionError,
  RequestAbortedError,
  RequestTimeoutError,
  UnexpectedClientError,
  InvalidRequestError,
} from "../src/models/errors/httpclienterrors.js";
import { PolarError } from "../src/models/errors/polarerror.js";
import { SDKError } from "../src/models/errors/sdkerror.js";
import { Polar } from "../src/sdk/sdk.js";
import { CUSTOMER_WIRE, json, mockClient } from "./support/mock.js";

const fast = { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 20, exponent: 1.5, maxElapsedTime: 2000 } } as const;

/**
 * A fetcher that never answers until its signal fires, like a server that hangs. The interval
 * stands in for the open socket that keeps a real process alive (AbortSignal.timeout does not).
 */
const hang = (req: Request) =>
  new Promise<Response>((_, reject) => {
    if (req.signal.aborted) return reject(req.signal.reason);
    const alive = setInterval(() => {}, 1000);
    req.signal.addEventListener("abort", () => {
      clearInterval(alive);
      reject(req.signal.reason);
    });
  });

test("503, 503, then 200 succeeds under backoff; the body is resent on every attempt", async () => {
  const m = mockClient(json(503, {}), json(503, {}), json(201, CUSTOMER_WIRE));
  const core = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", retryConfig: fast });
  const res = await customersCreate(core, { email: "a@b.co" });
  assert.ok(res.ok, String(res.error));
  assert.equal(m.requests.length, 3);
  assert.deepEqual(new Set(m.bodies), new Set(['{"type":"individual","email":"a@b.co"}']));
});

test("no retries by default; per-call retries override the client's", async () => {
  const m = mockClient(json(503, {}), json(200, CUSTOMER_WIRE));
  const core = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  const res = await customersGet(core, { id: "x" });
  assert.ok(res.error instanceof SDKError);
  assert.equal(res.error.statusCode, 503);
  const m2 = mockClient(json(503, {}), json(200, CUSTOMER_WIRE));
  const none = new PolarCore({ httpClient: m2.httpClient, serverURL: "http://api.test", retryConfig: { strategy: "none" } });
  assert.ok((await customersGet(none, { id: "x" }, { retries: fast })).ok);
  assert.equal(m2.requests.length, 2);
});

test("retryCodes limit what is retried; ranges like 5XX work", async () => {
  const m = mockClient(json(429, {}), json(200, CUSTOMER_WIRE));
  const core = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", retryConfig: fast });
  const res = await customersGet(core, { id: "x" }, { retryCodes: ["5XX"] });
  assert.equal((res.error as SDKError).statusCode, 429);
  assert.equal(m.requests.length, 1);
  assert.equal(matchesCode(502, ["5XX"]), true);
  assert.equal(matchesCode(502, ["503"]), false);
  assert.equal(matchesCode(429, ["4xx"]), true);
});

test("retrying stops after maxElapsedTime and reports the last response", async () => {
  const m = mockClient(json(429, { detail: "slow down" }));
  const retries = { strategy: "backoff", backoff: { initialInterval: 5, maxInterval: 10, exponent: 1, maxElapsedTime: 60 } } as const;
  const core = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  const start = Date.now();
  const res = await customersGet(core, { id: "x" }, { retries });
  assert.equal((res.error as SDKError).statusCode, 429);
  assert.ok(m.requests.length >= 3, `attempts: ${m.requests.length}`);
  assert.ok(Date.now() - start < 1000);
});

test("Retry-After and retry-after-ms set the delay (capped at maxInterval)", async () => {
  const h = (headers: Record<string, string>) => new Response(null, { status: 429, headers });
  assert.equal(retryAfterMs(h({ "retry-after": "2" })), 2000);
  assert.equal(retryAfterMs(h({ "retry-after-ms": "150", "retry-after": "2" })), 150);
  assert.equal(retryAfterMs(h({ "retry-after": new Date(Date.now() - 5000).toUTCString() })), 0);
  const future = retryAfterMs(h({ "retry-after": new Date(Date.now() + 60_000).toUTCString() }));
  assert.ok(future > 50_000 && future <= 60_000);
  assert.equal(retryAfterMs(h({})), 0);

  const m = mockClient(json(429, {}, { "retry-after-ms": "120" }), json(200, CUSTOMER_WIRE));
  const retries = { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 1000, exponent: 1, maxElapsedTime: 5000 } } as const;
  const core = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  const start = Date.now();
  assert.ok((await customersGet(core, { id: "x" }, { retries })).ok);
  assert.ok(Date.now() - start >= 110, "waited for retry-after-ms");
});

test("connection errors: ConnectionError, retried only with retryConnectionErrors", async () => {
  const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
  const m = mockClient(refused, json(200, CUSTOMER_WIRE));
  const core = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", retryConfig: fast });
  const [res, call] = await customersGet(core, { id: "x" }).$inspect();
  assert.ok(res.error instanceof ConnectionError);
  assert.equal(res.error.name, "ConnectionError");
  assert.match(res.error.message, /^Unable to make request: TypeError: fetch failed/);
  assert.equal(call.status, "request-error");
  assert.equal(call.request!.url, "http://api.test/v1/customers/x");
  assert.equal(res.error instanceof PolarError, false);

  const m2 = mockClient(refused, json(200, CUSTOMER_WIRE));
  const retrying = new PolarCore({
    httpClient: m2.httpClient,
    serverURL: "http://api.test",
    retryConfig: { ...fast, retryConnectionErrors: true },
  });
  assert.ok((await customersGet(retrying, { id: "x" })).ok);
  assert.equal(m2.requests.length, 2);
});

test("a real refused connection through global fetch is a ConnectionError", async () => {
  const core = new PolarCore({ serverURL: "http://127.0.0.1:9" });
  const res = await customersGet(core, { id: "x" });
  assert.ok(res.error instanceof ConnectionError, String(res.error));
});

test("timeoutMs gives RequestTimeoutError, per attempt; per-call timeoutMs wins", async () => {
  const m = mockClient(hang);
  const core = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", timeoutMs: 30 });
  const res = await customersGet(core, { id: "x" });
  assert.ok(res.error instanceof RequestTimeoutError, String(res.error));
  assert.match(res.error.message, /^Request timed out: TimeoutError/);

  const m2 = mockClient(hang, json(200, CUSTOMER_WIRE));
  const retrying = new PolarCore({
    httpClient: m2.httpClient,
    serverURL: "http://api.test",
    retryConfig: { ...fast, retryConnectionErrors: true },
  });
  const ok = await customersGet(retrying, { id: "x" }, { timeoutMs: 30 });
  assert.ok(ok.ok, "a timed-out attempt is retried with retryConnectionErrors");
  assert.equal(m2.requests.length, 2);
});

test("a caller's signal aborts with RequestAbortedError and replaces the timeout", async () => {
  const m = mockClient(hang);
  const core = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", timeoutMs: 10 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 60);
  const start = Date.now();
  const res = await customersGet(core, { id: "x" }, { signal: controller.signal, retries: { ...fast, retryConnectionErrors: true } });
  assert.ok(res.error instanceof RequestAbortedError, String(res.error));
  assert.match(res.error.message, /^Request aborted by client: AbortError/);
  assert.ok(Date.now() - start >= 50, "the 10 ms timeout was not applied");
  assert.equal(m.requests.length, 1, "aborts are never retried");

  const polar = new Polar({ httpClient: mockClient(hang).httpClient, serverURL: "http://api.test" });
  await assert.rejects(polar.customers.get({ id: "x" }, { fetchOptions: { signal: AbortSignal.abort() } }), RequestAbortedError);
});

test("a throwing fetcher or token function is an UnexpectedClientError; a bad per-call URL an InvalidRequestError", async () => {
  const m = mockClient(new RangeError("boom"));
  const core = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  const res = await customersGet(core, { id: "x" });
  assert.ok(res.error instanceof UnexpectedClientError);
  assert.match(res.error.message, /^Unexpected HTTP client error: RangeError: boom/);

  const failing = new PolarCore({ serverURL: "http://api.test", accessToken: () => Promise.reject(new Error("vault down")) });
  const res2 = await customersGet(failing, { id: "x" });
  assert.ok(res2.error instanceof UnexpectedClientError);

  const res3 = await customersGet(core, { id: "x" }, { serverURL: "not a url" });
  assert.ok(res3.error instanceof InvalidRequestError);
  assert.equal(m.requests.length, 1);
});

test("HTTPClient hooks see and may replace each request and see each response", async () => {
  const seen: string[] = [];
  const beforeRequest = (req: Request) => {
    const next = new Request(req, { headers: new Headers(req.headers) });
    next.headers.set("x-hooked", "1");
    return next;
  };
  const httpClient = new HTTPClient({
    fetcher: async (req) => (seen.push((req as Request).headers.get("x-hooked")!), json(200, CUSTOMER_WIRE)),
  })
    .addHook("beforeRequest", beforeRequest)
    .addHook("response", (res) => void seen.push(`status ${res.status}`));
  const polar = new Polar({ httpClient, serverURL: "http://api.test" });
  await polar.customers.get({ id: "x" });
  assert.deepEqual(seen, ["1", "status 200"]);
  const copy = httpClient.clone().removeHook("beforeRequest", beforeRequest);
  await new Polar({ httpClient: copy, serverURL: "http://api.test" }).customers.get({ id: "x" });
  assert.deepEqual(seen.slice(2), [null, "status 200"]);

  const errors: unknown[] = [];
  const failing = new HTTPClient({ fetcher: () => Promise.reject(new TypeError("fetch failed")) }).addHook(
    "requestError",
    (e) => void errors.push(e),
  );
  await assert.rejects(new Polar({ httpClient: failing, serverURL: "http://api.test" }).customers.get({ id: "x" }), ConnectionError);
  assert.equal(errors.length, 1);
});

test("debugLogger logs requests and responses without the token", async () => {
  const lines: string[] = [];
  const logger = {
    group: (l?: string) => lines.push(`group ${l}`),
    groupEnd: () => lines.push("end"),
    log: (...a: unknown[]) => lines.push(a.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(" ")),
  };
  const m = mockClient(json(200, CUSTOMER_WIRE));
  const core = new PolarCore({
    httpClient: m.httpClient,
    serverURL: "http://api.test",
    accessToken: "polar_oat_secret",
    debugLogger: logger,
  });
  await customersCreate(core, { email: "a@b.co" }).then(() => customersGet(core, { id: "x" }));
  const text = lines.join("\n");
  assert.match(text, /> Request: POST http:\/\/api.test\/v1\/customers\//);
  assert.match(text, /< Response: GET http:\/\/api.test\/v1\/customers\/x \(Status Code: 200\)/);
  assert.match(text, /authorization: \[redacted\]/);
  assert.match(text, /"email":"a@b.co"/);
  assert.doesNotMatch(text, /polar_oat_secret/);
});
