// `polar-customers webhooks …`: what a developer needs without a dashboard.
// `tail` prints deliveries as the running server makes them (read from the
// database it shares), `redeliver` queues one more attempt, and
// `endpoints create` registers an endpoint for scripts (JSON with its secret).
import { Command, Option } from "commander";
import { UsageError } from "../modules/accounts/index.js";
import { accessContext } from "../platform/auth/principal.js";
import { ValidationFailed } from "../platform/errors.js";
import { INVALID } from "../platform/schema/core.js";
import type { Issue } from "../platform/schema/issues.js";
import { canonicalUuid } from "../platform/schema/uuid.js";
import {
  endpointResponse,
  MAX_ATTEMPTS,
  WebhookService,
  webhookSettings,
  endpointCreate,
  type TailedDelivery,
} from "../modules/webhooks/index.js";
import { withStorage, type DatabaseLocation } from "./database.js";

export interface WebhooksCli {
  databaseOption(): Option;
  locate(opts: { database: string }): DatabaseLocation;
  printJson(value: unknown): void;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

const issueText = (issues: readonly Issue[]) => issues.map((i) => `${i.loc.filter((p) => p !== "body").join(".")}: ${i.msg}`).join("; ");

/** One line per attempt: time, event type, webhook-id, endpoint, http code (or the error), attempt n/10. */
export function deliveryLine(d: TailedDelivery): string {
  const outcome = d.httpCode !== null ? String(d.httpCode) : `error (${(d.response ?? "").slice(0, 80)})`;
  return `${d.createdAt.toISOString()}  ${d.event.type.padEnd(24)} ${d.eventId}  → ${d.endpointUrl}  ${outcome}  attempt ${d.attempt}/${MAX_ATTEMPTS}${d.succeeded ? "" : "  failed"}`;
}

const uuidArgument = (text: string, what: string): string => {
  const id = canonicalUuid(text);
  if (id === null) throw new UsageError(`${what} must be a UUID, got "${text}"`);
  return id;
};

export function webhooksCommand(cli: WebhooksCli): Command {
  const webhooks = new Command("webhooks").description("webhook deliveries: follow them, redeliver one, register endpoints");

  webhooks
    .command("tail")
    .description("print the latest webhook deliveries (time, type, webhook-id, endpoint, http code, attempt n/10); --follow keeps printing")
    .option("--org <id>", "only this organization's deliveries")
    .option("--follow", "keep printing deliveries as the server makes them (Ctrl-C stops)")
    .option("--lines <n>", "how many of the latest deliveries to print first", "20")
    .addOption(cli.databaseOption())
    .action(async (opts: { org?: string; follow?: boolean; lines: string; database: string }) => {
      const organizationId = opts.org === undefined ? undefined : uuidArgument(opts.org, "--org");
      const lines = Number(opts.lines);
      if (!Number.isInteger(lines) || lines < 0 || lines > 1000)
        throw new UsageError(`--lines must be an integer from 0 to 1000, got "${opts.lines}"`);
      await withStorage(cli.locate(opts), { create: false }, async (storage) => {
        const latest = lines === 0 ? [] : await storage.webhooks.deliveriesAfter({ organizationId, limit: lines });
        for (const d of latest) say(deliveryLine(d));
        if (!opts.follow) return;
        let after =
          latest.length > 0 ? { at: latest[latest.length - 1].createdAt, id: latest[latest.length - 1].id } : { at: new Date(0), id: "" };
        let stopped = false;
        const stop = () => (stopped = true);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        while (!stopped) {
          const next = await storage.webhooks.deliveriesAfter({ organizationId, after, limit: 100 });
          for (const d of next) say(deliveryLine(d));
          if (next.length > 0) after = { at: next[next.length - 1].createdAt, id: next[next.length - 1].id };
          else await new Promise((resolve) => setTimeout(resolve, 500));
        }
      });
    });

  webhooks
    .command("redeliver")
    .description("send a webhook event once more (same webhook-id and body, fresh signature); a running server sends it within a second")
    .argument("<event-id>", "the webhook-id of a delivery (see `webhooks tail`)")
    .addOption(cli.databaseOption())
    .action(async (eventId: string, opts: { database: string }) => {
      const id = uuidArgument(eventId, "EVENT_ID");
      await withStorage(cli.locate(opts), { create: false }, async (storage) => {
        const event = await storage.webhooks.findEventAnywhere(id);
        if (!event) throw new UsageError(`no webhook event ${id} (see \`polar-customers webhooks tail\`)`);
        await storage.webhooks.requestRedelivery(id, new Date());
        say(`queued a redelivery of ${event.type} ${id}`);
      });
    });

  const endpoints = webhooks.command("endpoints").description("webhook endpoints");
  endpoints
    .command("create")
    .description("register an endpoint and print it as JSON, with the secret that signs its deliveries")
    .requiredOption("--org <id>", "the organization whose events it receives")
    .requiredOption("--url <url>", "where deliveries are POSTed, e.g. http://localhost:3000/api/webhooks/polar")
    .requiredOption("--events <types...>", "event types, e.g. customer.created customer.updated (space- or comma-separated)")
    .option("--name <name>", "a label")
    .addOption(cli.databaseOption())
    .action(async (opts: { org: string; url: string; events: string[]; name?: string; database: string }) => {
      const organizationId = uuidArgument(opts.org, "--org");
      const issues: Issue[] = [];
      const body = endpointCreate.parse(
        { url: opts.url, format: "raw", events: opts.events.flatMap((e) => e.split(",")).filter((e) => e !== ""), name: opts.name ?? null },
        ["body"],
        issues,
      );
      if (body === INVALID || issues.length > 0) throw new UsageError(issueText(issues));
      cli.printJson(
        await withStorage(cli.locate(opts), { create: false }, async (storage) => {
          const organization = await storage.accounts.getOrganization(organizationId);
          if (organization === undefined || organization.deletedAt !== null)
            throw new UsageError(`no organization ${organizationId} (see \`polar-customers orgs list\`)`);
          const service = new WebhookService(storage.webhooks, webhookSettings({ publicUrlsOnly: publicUrlsOnlyFromEnv() }));
          const context = accessContext({ kind: "organization", organizationId, scopes: new Set() }, null);
          try {
            return endpointResponse.serialize(await service.createEndpoint(context, body));
          } catch (error) {
            if (error instanceof ValidationFailed) throw new UsageError(issueText(error.issues));
            throw error;
          }
        }),
      );
    });
  return webhooks;
}

/** A retry delay: `500ms`, `2s`, `1m`, `20m`, `1h`. */
export function parseRetryDuration(text: string): number | null {
  const match = /^(\d+)\s*(ms|s|m|h)$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * { ms: 1, s: 1e3, m: 60e3, h: 3600e3 }[match[2] as "ms" | "s" | "m" | "h"];
  return ms > 0 && Number.isFinite(ms) ? ms : null;
}

export const publicUrlsOnlyFromEnv = () => ["1", "true"].includes(process.env.POLAR_WEBHOOKS_PUBLIC_URLS_ONLY ?? "");
