// A real server on an ephemeral port over a real database, plus helpers to
// mint organizations, users and tokens through the same code the CLI uses.

import { startServer, type RunningServer, type ServerOptions } from "../../src/server.js";
import { openStorage, type OpenStorageOptions } from "../../src/storage.js";
import type { MemberRole } from "../../src/modules/accounts/index.js";
import type { Storage } from "../../src/storage.js";
import { addMember, createOrganization, createToken, createUser } from "../../src/modules/accounts/index.js";

export interface Credentials {
  id: string;
  token: string;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text. */
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string | null;
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** Retries in milliseconds rather than Polar's seconds to minutes, so retry cases run quickly (the schedule's shape is the same). */
export const TEST_WEBHOOK_SETTINGS = { retry: { baseMs: 20, capMs: 200 }, pollIntervalMs: 50 };

let counter = 0;
export const unique = (prefix = "u") => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export class TestServer {
  private constructor(
    readonly running: RunningServer,
    readonly org: Credentials,
    /** The database it serves, for cases that start a second server on it. */
    readonly databaseUrl: string,
  ) {}

  static async start(
    databaseUrl: string,
    options: { storage?: OpenStorageOptions } & Pick<
      ServerOptions,
      "limits" | "logger" | "corsOrigins" | "enableTestEndpoints" | "schedulerIntervalMs" | "webhooks"
    > = {},
  ): Promise<TestServer> {
    const storage = await openStorage(databaseUrl, options.storage);
    const running = await startServer({
      databaseUrl,
      storage,
      port: 0,
      limits: options.limits,
      logger: options.logger,
      corsOrigins: options.corsOrigins,
      enableTestEndpoints: options.enableTestEndpoints,
      schedulerIntervalMs: options.schedulerIntervalMs,
      webhooks: { ...TEST_WEBHOOK_SETTINGS, ...options.webhooks },
    });
    const server = new TestServer(running, { id: "", token: "" }, databaseUrl);
    const org = await server.newOrganization();
    (server as { org: Credentials }).org = org;
    return server;
  }

  get url(): string {
    return this.running.url;
  }

  get storage(): Storage {
    return this.running.storage;
  }

  async close(): Promise<void> {
    await this.running.close();
    await this.running.storage.close();
  }

  async newOrganization(scopes = ["customers:read", "customers:write"]): Promise<Credentials> {
    const org = await createOrganization(this.storage, unique("org "));
    const token = await createToken(this.storage, { organizationId: org.id, scopes, expiresInMs: null });
    return { id: org.id, token };
  }

  async newToken(organizationId: string, scopes: string[], expiresInMs: number | null = null): Promise<string> {
    return createToken(this.storage, { organizationId, scopes, expiresInMs });
  }

  async newUser(
    memberships: [organizationId: string, role: MemberRole][],
    scopes = ["customers:read", "customers:write"],
  ): Promise<Credentials> {
    const user = await createUser(this.storage, `${unique("user")}@example.com`);
    for (const [organizationId, role] of memberships) await addMember(this.storage, organizationId, user.id, role);
    const token = await createToken(this.storage, { userId: user.id, scopes, expiresInMs: null });
    return { id: user.id, token };
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.org.token : options.token;
    if (token !== null) headers.authorization ??= `Bearer ${token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(this.url + path, { method, headers, body, redirect: "manual" });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get("content-type") ?? "").includes("json") && text !== "") parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  /** Creates a customer in the default organization (or with `token`) and returns its JSON. */
  async createCustomer(fields: Record<string, unknown> = {}, token?: string): Promise<any> {
    const reply = await this.request("POST", "/v1/customers/", { body: { email: `${unique("c")}@example.com`, ...fields }, token });
    if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${reply.text}`);
    return reply.body;
  }
}
