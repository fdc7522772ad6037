// A real HTTP receiver for webhook deliveries (node:http on 127.0.0.1, port
// 0) and checks of what arrives with the official verifiers.
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { validateEvent } from "polar-sdk-049/webhooks.js";

export interface Received {
  /** Path and query the delivery was posted to. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** Answers each request with the status `respond` picks (200 by default); `nth` counts from 1 per webhook-id. */
export type Responder = (received: Received, nth: number) => number;

export class Receiver {
  readonly received: Received[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** `hold`: answers wait for it (a receiver that hangs until released). */
  static async start(respond: Responder = () => 200, hold?: Promise<void>): Promise<Receiver> {
    const state: { receiver?: Receiver } = {};
    const server = createServer((req, res) => {
      const receiver = state.receiver!;
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        const item = { path: req.url ?? "", headers: req.headers, body, at: Date.now() };
        const nth = receiver.received.filter((r) => r.headers["webhook-id"] === req.headers["webhook-id"]).length + 1;
        receiver.received.push(item);
        for (const wake of receiver.waiters) wake();
        const answer = () => void res.writeHead(respond(item, nth), { "content-type": "text/plain" }).end(`answer ${nth}`);
        if (hold) void hold.then(answer);
        else answer();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    state.receiver = new Receiver(server, `http://127.0.0.1:${port}/hook`);
    return state.receiver;
  }

  /** Resolves once `done(received)` holds; fails after `ms` (a deadline for a broken build, not a timing assertion). */
  waitFor(done: (received: Received[]) => boolean, what: string, ms = 30_000): Promise<Received[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this.received)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.received);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `receiver: still waiting for ${what}; got ${this.received.length}: ${this.received.map((r) => r.body.slice(0, 80)).join(" | ")}`,
          ),
        );
      }, ms);
      this.waiters.add(check);
      check();
    });
  }

  ofType(type: string): Received[] {
    return this.received.filter((r) => (JSON.parse(r.body) as { type: string }).type === type);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const HEADERS = ["user-agent", "content-type", "webhook-id", "webhook-timestamp", "webhook-signature"];

/** Both official verifiers accept the delivery; returns the event as the official SDK decodes it. */
export function verified(received: Received, secret: string): ReturnType<typeof validateEvent> {
  const headers = Object.fromEntries(HEADERS.map((h) => [h, String(received.headers[h])]));
  // Exactly our five headers, plus what HTTP itself needs.
  assert.deepEqual(Object.keys(received.headers).sort(), [...HEADERS, "connection", "content-length", "host"].sort());
  assert.equal(received.headers["user-agent"], "polar.sh webhooks");
  assert.equal(received.headers["content-type"], "application/json");
  assert.match(headers["webhook-signature"], /^v1,[A-Za-z0-9+/]{43}=$/);
  new Webhook(Buffer.from(secret, "utf8").toString("base64")).verify(received.body, headers);
  return validateEvent(received.body, headers, secret);
}
