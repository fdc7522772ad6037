// Slow and numerous clients: a request must arrive whole within the request
// timeout (headers sooner), whether the client stalls or drips bytes, and
// connections beyond the cap get a clear 503 instead of a silent drop. Other
// clients are served all along. Timeouts are configured short here (1 s).

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ANSWER_BOUND_MS, eventually, timed } from "../support/faults.js";
import { RawConnection } from "../support/rawHttp.js";
import { TestServer } from "../support/server.js";

const REQUEST_TIMEOUT_MS = 1000;
const HEADERS_TIMEOUT_MS = 500;
const MAX_CONNECTIONS = 6;

/** Resolves once the server has closed the connection, with whatever it answered first; fails if it stays open. */
async function closedBy(connection: RawConnection, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  connection.socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.close();
      reject(new Error(`${what}: the server left the connection open for ${ANSWER_BOUND_MS} ms`));
    }, ANSWER_BOUND_MS);
    const closed = () => {
      clearTimeout(timer);
      resolve();
    };
    if (connection.socket.destroyed) closed();
    else connection.socket.once("close", closed);
  });
  return Buffer.concat(chunks).toString("latin1");
}

describe("faults: slow and numerous clients", () => {
  let server: TestServer;
  /** Closed after the suite whatever happened, so that a failure cannot leave the server waiting for them. */
  const opened: RawConnection[] = [];
  const head = (length: number) =>
    `POST /v1/customers/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.org.token}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

  before(async () => {
    server = await TestServer.start("sqlite::memory:", {
      limits: { requestTimeoutMs: REQUEST_TIMEOUT_MS, headersTimeoutMs: HEADERS_TIMEOUT_MS, maxConnections: MAX_CONNECTIONS },
    });
  });

  after(async () => {
    for (const connection of opened) connection.close();
    await server?.close();
  });

  it("closes a request whose body stalls, one whose body drips, and one whose headers never end", async () => {
    const stalled = await RawConnection.open(server.url);
    opened.push(stalled);
    await stalled.write(head(100) + '{"email":');
    const dripping = await RawConnection.open(server.url);
    opened.push(dripping);
    await dripping.write(head(100));
    const drip = setInterval(() => void dripping.write(" ").catch(() => undefined), 200);
    const endlessHeaders = await RawConnection.open(server.url);
    opened.push(endlessHeaders);
    await endlessHeaders.write("GET /v1/customers/ HTTP/1.1\r\nHost: x\r\nX-Slow: ");

    try {
      // Meanwhile, everyone else is served.
      const { value: served } = await timed(server.request("GET", "/v1/customers/?limit=1"));
      assert.equal(served.status, 200);

      for (const [what, connection] of [
        ["stalled body", stalled],
        ["dripping body", dripping],
        ["endless headers", endlessHeaders],
      ] as const) {
        const { value: answer, ms } = await timed(closedBy(connection, what));
        assert.ok(ms < ANSWER_BOUND_MS, `${what} still open after ${ms} ms`);
        // node answers 408 when it can; either way the connection is gone.
        assert.ok(answer === "" || answer.startsWith("HTTP/1.1 408"), `${what}: ${answer}`);
      }
    } finally {
      clearInterval(drip);
    }
  });

  it("answers connections beyond the cap with 503 + Retry-After, and serves again once connections close", async () => {
    const held: RawConnection[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) held.push(await RawConnection.open(server.url));
    // Keep them busy with a slow request each, so they stay open.
    for (const connection of held) await connection.write(head(50));

    const extra = await RawConnection.open(server.url);
    held.push(extra);
    opened.push(...held);
    await extra.write(`GET /v1/customers/?limit=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.org.token}\r\n\r\n`);
    const refused = await extra.response(ANSWER_BOUND_MS);
    assert.equal(refused.status, 503, refused.text);
    assert.equal(refused.headers["content-type"], "application/json");
    assert.equal(refused.headers["retry-after"], "1");
    assert.equal(refused.headers.connection, "close");
    assert.equal(refused.body.error, "ServiceUnavailable");
    await closedBy(extra, "refused connection");

    for (const connection of held) connection.close();
    await eventually(
      async () => ((await server.request("GET", "/v1/customers/?limit=1")).status === 200 ? true : undefined),
      ANSWER_BOUND_MS,
      "service after the cap",
    );
  });
});
