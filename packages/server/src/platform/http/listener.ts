// The node:http server under Fastify, with limits that keep slow or numerous
// clients from holding the server: a client must send its whole request
// within the request timeout, its headers sooner, an idle keep-alive
// connection is closed, and connections beyond the cap are answered 503.

import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

export interface HttpLimits {
  /** Time to receive a whole request, headers and body (ms); node answers 408 and closes. */
  requestTimeoutMs: number;
  /** Time to receive the request headers (ms); at most the request timeout. */
  headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (ms). */
  keepAliveTimeoutMs: number;
  /** A connection with no traffic at all for this long is closed (ms), e.g. a client that stopped reading. */
  idleTimeoutMs: number;
  /** Open connections beyond this many get a 503 to their first request and are closed. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  // Longer than the 60 s idle timeout of common load balancers, so they close first (Fastify's default).
  keepAliveTimeoutMs: 72_000,
  idleTimeoutMs: 120_000,
  maxConnections: 1000,
};

const OVER_CAPACITY = JSON.stringify({
  error: "ServiceUnavailable",
  detail: "The server has too many open connections; retry the request shortly.",
});

function refuse(response: ServerResponse): void {
  response.writeHead(503, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(OVER_CAPACITY),
    "retry-after": "1",
    connection: "close",
  });
  response.end(OVER_CAPACITY);
}

/** A Fastify `serverFactory` applying `limits`. */
export function limitedServerFactory(given: Partial<HttpLimits> = {}): (handler: RequestListener) => Server {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...given };
  const requestTimeout = limits.requestTimeoutMs;
  const headersTimeout = Math.min(limits.headersTimeoutMs, requestTimeout);
  return (handler) => {
    const refused = new WeakSet<Socket>();
    const server = createServer(
      {
        requestTimeout,
        headersTimeout,
        // node checks both timeouts on this period (30 s by default, which would double them).
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
      },
      (request: IncomingMessage, response: ServerResponse) => {
        if (refused.has(request.socket)) return refuse(response);
        handler(request, response);
      },
    );
    server.keepAliveTimeout = limits.keepAliveTimeoutMs;
    server.setTimeout(limits.idleTimeoutMs);
    let open = 0;
    server.on("connection", (socket: Socket) => {
      open++;
      socket.once("close", () => open--);
      if (open > limits.maxConnections) {
        // Answered rather than dropped, so the client can tell "busy, retry" from a network failure.
        refused.add(socket);
        socket.setTimeout(headersTimeout, () => socket.destroy());
      }
    });
    return server;
  };
}
