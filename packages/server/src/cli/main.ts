#!/usr/bin/env node
// The `polar-customers` command. Output is part of the interface: scripts
// parse it, so data goes to stdout (one JSON value or one token) and
// problems go to stderr as one line `polar-customers: …` naming the database,
// with exit status 2 for a usage mistake and 1 for a failure of the
// environment (database unreachable, port in use, I/O).

import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import {
  addMember,
  createOrganization,
  createToken,
  createUser,
  deleteOrganization,
  listOrganizations,
  listTokens,
  listUsers,
  parseScopes,
  removeMember,
  revokeToken,
  checkChosenToken,
  UsageError,
} from "../modules/accounts/index.js";
import { expiryWithinRange, parseDuration } from "../platform/auth/tokens.js";
import { parseCorsOrigins } from "../platform/http/origins.js";
import { LOG_FORMATS, LOG_LEVELS, isLogFormat, isLogLevel } from "../platform/http/log-options.js";
import { SeedError } from "../platform/seed.js";
import { packageFile } from "../platform/package-root.js";
import { servedScopes } from "../modules.js";
import { DEFAULT_DATABASE_URL, locate, withStorage, type DatabaseLocation } from "./database.js";
import { backupDatabase, resetDatabase, seedFile } from "./data.js";
import { organizationView, tokenView, userView } from "./views.js";
import { parseRetryDuration, publicUrlsOnlyFromEnv, webhooksCommand } from "./webhooks.js";

export { DEFAULT_DATABASE_URL };

const VERSION = (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;

const EXIT_USAGE = 2;
const EXIT_FAILURE = 1;

const databaseOption = () =>
  new Option("--database <url>", "database URL: sqlite:<path>, sqlite::memory: or postgres://…").default(
    process.env.POLAR_DATABASE_URL || DEFAULT_DATABASE_URL,
    "$POLAR_DATABASE_URL or sqlite:./data/polar.db",
  );

const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

/** The database of the command being run, for error messages. */
let current: DatabaseLocation | undefined;
const db = (opts: { database: string }) => (current = locate(opts.database));

/** Commands that only read or change existing data must not create a database. */
const EXISTING = { create: false };
const MAY_CREATE = { create: true };

function requireYes(yes: boolean | undefined, what: string): void {
  if (!yes) throw new UsageError(`${what} cannot be undone; add --yes to confirm`);
}

function buildProgram(): Command {
  const program = new Command("polar-customers")
    .description("Self-hosted Polar Customers API server")
    .version(VERSION, "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command("serve")
    .description("run the HTTP server (creates and bootstraps the database when it is empty)")
    .addOption(databaseOption())
    .addOption(new Option("--host <host>", "interface to listen on").default(process.env.HOST || "127.0.0.1"))
    .addOption(new Option("--port <port>", "port to listen on (0 picks a free one)").default(process.env.PORT || "8000"))
    .addOption(
      new Option("--request-timeout <seconds>", "time a client has to send a whole request before it gets 408").default(
        process.env.POLAR_REQUEST_TIMEOUT || "30",
      ),
    )
    .addOption(
      new Option("--max-connections <count>", "open connections beyond this many are answered 503 and closed").default(
        process.env.POLAR_MAX_CONNECTIONS || "1000",
      ),
    )
    .addOption(
      new Option(
        "--cors-origin <origin>",
        'allow browser calls from this origin, e.g. http://localhost:5173, or "*" for any (repeatable, or comma-separated)',
      )
        .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
        .default(process.env.POLAR_CORS_ORIGIN ? [process.env.POLAR_CORS_ORIGIN] : [], "$POLAR_CORS_ORIGIN, else none"),
    )
    .addOption(
      new Option("--bootstrap-token <token>", "on an empty database, create exactly this polar_oat_ organization token").default(
        process.env.POLAR_BOOTSTRAP_TOKEN || undefined,
        "$POLAR_BOOTSTRAP_TOKEN",
      ),
    )
    .addOption(
      new Option(
        "--enable-test-endpoints",
        "serve POST /v1/_test/reset and the test clock (POST /v1/_test/clock/advance) for test suites (never in production)",
      ).default(
        process.env.POLAR_ENABLE_TEST_ENDPOINTS === "1" || process.env.POLAR_ENABLE_TEST_ENDPOINTS === "true",
        "$POLAR_ENABLE_TEST_ENDPOINTS=1",
      ),
    )
    .addOption(
      new Option(
        "--no-answer-memo",
        "compute every read instead of reusing an unchanged answer until the next commit (for measuring and debugging)",
      ).default(!["off", "0", "false"].includes((process.env.POLAR_ANSWER_MEMO ?? "").toLowerCase()), "$POLAR_ANSWER_MEMO=off to turn off"),
    )
    .addOption(new Option("--workers <n>", "server processes sharing the port (one per core is typical)").default("1"))
    .addOption(
      new Option("--log-level <level>", `request log and warnings: ${LOG_LEVELS.join(", ")}`).default(
        process.env.LOG_LEVEL || "info",
        "$LOG_LEVEL or info",
      ),
    )
    .addOption(
      new Option("--log-format <format>", "auto (pretty on a terminal, JSON lines otherwise), json or pretty").default(
        process.env.LOG_FORMAT || "auto",
        "$LOG_FORMAT or auto",
      ),
    )
    .addOption(
      new Option(
        "--webhooks-public-urls-only",
        "Polar's rule for webhook endpoint URLs: https only, no localhost or private IP addresses (for exposed servers)",
      ).default(publicUrlsOnlyFromEnv(), "$POLAR_WEBHOOKS_PUBLIC_URLS_ONLY=1"),
    )
    .addOption(
      new Option(
        "--webhook-retry-base <duration>",
        "delay before the 2nd webhook attempt, doubling after each failure (with jitter)",
      ).default(process.env.POLAR_WEBHOOK_RETRY_BASE || "2s", "$POLAR_WEBHOOK_RETRY_BASE or 2s, as Polar"),
    )
    .addOption(
      new Option("--webhook-retry-cap <duration>", "longest delay between two webhook attempts").default(
        process.env.POLAR_WEBHOOK_RETRY_CAP || "20m",
        "$POLAR_WEBHOOK_RETRY_CAP or 20m, as Polar",
      ),
    )
    .action(
      async (opts: {
        webhooksPublicUrlsOnly: boolean;
        webhookRetryBase: string;
        webhookRetryCap: string;
        workers: string;
        database: string;
        host: string;
        port: string;
        requestTimeout: string;
        maxConnections: string;
        corsOrigin: string[];
        bootstrapToken?: string;
        enableTestEndpoints: boolean;
        answerMemo: boolean;
        logLevel: string;
        logFormat: string;
      }) => {
        // Before anything else, so that a typo creates nothing.
        if (!isLogLevel(opts.logLevel))
          throw new UsageError(`--log-level / LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${opts.logLevel}"`);
        if (!isLogFormat(opts.logFormat))
          throw new UsageError(`--log-format / LOG_FORMAT must be one of ${LOG_FORMATS.join(", ")}, got "${opts.logFormat}"`);
        const location = db(opts);
        const port = Number(opts.port);
        if (opts.port.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError(`--port must be an integer from 0 to 65535, got "${opts.port}"`);
        }
        const requestTimeout = Number(opts.requestTimeout);
        if (!(requestTimeout >= 1 && requestTimeout <= 3600))
          throw new UsageError(`--request-timeout must be a number of seconds from 1 to 3600, got "${opts.requestTimeout}"`);
        const maxConnections = Number(opts.maxConnections);
        if (!Number.isInteger(maxConnections) || maxConnections < 1)
          throw new UsageError(`--max-connections must be a positive integer, got "${opts.maxConnections}"`);
        let corsOrigins: string[];
        try {
          corsOrigins = parseCorsOrigins(opts.corsOrigin);
        } catch (error) {
          throw new UsageError(`--cors-origin: ${(error as Error).message}`);
        }
        const workers = Number(opts.workers);
        if (!Number.isInteger(workers) || workers < 1 || workers > 64)
          throw new UsageError(`--workers must be an integer from 1 to 64, got "${opts.workers}"`);
        const retryBase = parseRetryDuration(opts.webhookRetryBase);
        if (retryBase === null)
          throw new UsageError(`--webhook-retry-base must be a duration such as 500ms, 2s or 1m, got "${opts.webhookRetryBase}"`);
        const retryCap = parseRetryDuration(opts.webhookRetryCap);
        if (retryCap === null)
          throw new UsageError(`--webhook-retry-cap must be a duration such as 30s or 20m, got "${opts.webhookRetryCap}"`);
        // Checked before the database is opened (and maybe created) for nothing.
        if (opts.bootstrapToken !== undefined)
          checkChosenToken(opts.bootstrapToken, "organization", "the bootstrap token (POLAR_BOOTSTRAP_TOKEN / --bootstrap-token)");
        // Loaded on demand: the HTTP stack is most of the startup time of the admin commands.
        const { serve } = await import("./serve.js");
        await serve({
          location,
          host: opts.host,
          port,
          limits: { requestTimeoutMs: Math.round(requestTimeout * 1000), maxConnections },
          corsOrigins,
          bootstrapToken: opts.bootstrapToken,
          enableTestEndpoints: opts.enableTestEndpoints,
          answerMemo: opts.answerMemo,
          workers,
          logLevel: opts.logLevel,
          logFormat: opts.logFormat,
          webhooks: { publicUrlsOnly: opts.webhooksPublicUrlsOnly, retry: { baseMs: retryBase, capMs: Math.max(retryCap, retryBase) } },
        });
      },
    );

  const orgs = program.command("orgs").description("manage organizations");
  orgs
    .command("create")
    .description("create an organization and print it as JSON")
    .requiredOption("--name <name>", "organization name")
    .addOption(databaseOption())
    .action(async (opts: { name: string; database: string }) => {
      printJson(organizationView(await withStorage(db(opts), MAY_CREATE, (s) => createOrganization(s, opts.name))));
    });
  orgs
    .command("list")
    .description("print the organizations (not deleted) as a JSON array")
    .addOption(databaseOption())
    .action(async (opts: { database: string }) => {
      printJson((await withStorage(db(opts), EXISTING, listOrganizations)).map(organizationView));
    });
  orgs
    .command("delete")
    .description("delete an organization: its tokens stop working (within 5 s on running servers)")
    .argument("<id>", "organization id")
    .option("--yes", "confirm")
    .addOption(databaseOption())
    .action(async (id: string, opts: { yes?: boolean; database: string }) => {
      db(opts);
      requireYes(opts.yes, `deleting organization ${id}`);
      const org = await withStorage(db(opts), EXISTING, (s) => deleteOrganization(s, id));
      printJson({ ...organizationView(org), deleted: true });
    });

  const users = program.command("users").description("manage users");
  users
    .command("create")
    .description("create a user and print it as JSON")
    .requiredOption("--email <email>", "email address")
    .addOption(databaseOption())
    .action(async (opts: { email: string; database: string }) => {
      printJson(userView(await withStorage(db(opts), MAY_CREATE, (s) => createUser(s, opts.email))));
    });
  users
    .command("list")
    .description("print the users as a JSON array")
    .addOption(databaseOption())
    .action(async (opts: { database: string }) => {
      printJson((await withStorage(db(opts), EXISTING, listUsers)).map(userView));
    });

  const members = program.command("members").description("manage organization memberships");
  members
    .command("add")
    .description("make a user a member of an organization (or change its role)")
    .requiredOption("--org <id>", "organization id")
    .requiredOption("--user <id>", "user id")
    .requiredOption("--role <role>", "owner, admin, member or finance")
    .addOption(databaseOption())
    .action(async (opts: { org: string; user: string; role: string; database: string }) => {
      await withStorage(db(opts), EXISTING, (s) => addMember(s, opts.org, opts.user, opts.role));
      printJson({ organization_id: opts.org, user_id: opts.user, role: opts.role });
    });
  members
    .command("remove")
    .description("end a user's membership of an organization (its personal tokens lose that organization)")
    .requiredOption("--org <id>", "organization id")
    .requiredOption("--user <id>", "user id")
    .addOption(databaseOption())
    .action(async (opts: { org: string; user: string; database: string }) => {
      await withStorage(db(opts), EXISTING, (s) => removeMember(s, opts.org, opts.user));
      printJson({ organization_id: opts.org, user_id: opts.user, removed: true });
    });

  const tokens = program.command("tokens").description("manage access tokens");
  tokens
    .command("create")
    .description("issue an organization (--org) or personal (--user) access token and print it")
    .option("--org <id>", "organization id: issues a polar_oat_ token")
    .option("--user <id>", "user id: issues a polar_pat_ token")
    .option(
      "--scopes <scopes>",
      `space-separated scopes, any of Polar's (default: every scope this server's endpoints accept: "${servedScopes().join(" ")}")`,
    )
    .option("--expires-in <duration>", "lifetime such as 30d, 12h or 90m (default: never expires)")
    .addOption(databaseOption())
    .action(async (opts: { org?: string; user?: string; scopes?: string; expiresIn?: string; database: string }) => {
      db(opts);
      const scopes = parseScopes(opts.scopes, servedScopes());
      let expiresInMs: number | null = null;
      if (opts.expiresIn !== undefined) {
        expiresInMs = parseDuration(opts.expiresIn);
        if (expiresInMs === null) throw new UsageError(`--expires-in must look like 30d, 12h, 90m or 45s, got "${opts.expiresIn}"`);
        if (!expiryWithinRange(Date.now(), expiresInMs))
          throw new UsageError(`--expires-in ${opts.expiresIn} ends after the year 9999; use a shorter lifetime or none`);
      }
      const token = await withStorage(db(opts), EXISTING, (s) =>
        createToken(s, { organizationId: opts.org, userId: opts.user, scopes, expiresInMs }),
      );
      process.stdout.write(`${token}\n`);
    });
  tokens
    .command("list")
    .description(
      "print an organization's (--org) or user's (--user) tokens as a JSON array: prefix, scopes, status, times; never the secret",
    )
    .option("--org <id>", "organization id")
    .option("--user <id>", "user id")
    .addOption(databaseOption())
    .action(async (opts: { org?: string; user?: string; database: string }) => {
      const list = await withStorage(db(opts), EXISTING, (s) => listTokens(s, { organizationId: opts.org, userId: opts.user }));
      const now = new Date();
      printJson(list.map((t) => tokenView(t, now)));
    });
  tokens
    .command("revoke")
    .description("revoke a token by its id (from tokens list) or by the token itself; running servers refuse it within 5 s")
    .argument("<id-or-token>", "token id, or the polar_oat_/polar_pat_ token")
    .addOption(databaseOption())
    .action(async (idOrToken: string, opts: { database: string }) => {
      printJson(tokenView(await withStorage(db(opts), EXISTING, (s) => revokeToken(s, idOrToken))));
    });

  program
    .command("seed")
    .description(
      "load organizations, tokens, meters, benefits, products, customers, subscriptions and events from a JSON file; entries already there are left alone",
    )
    .argument("<file>", 'seed file (format: see README, "Seed files")')
    .addOption(databaseOption())
    .action(async (file: string, opts: { database: string }) => {
      printJson(await seedFile(db(opts), file));
    });

  const clock = program
    .command("clock")
    .description("an organization's test clock: move its time forward and run the period ends on the way (tests, local development)");
  clock
    .command("advance")
    .description(
      "move an organization's time forward (--to TIME or --by DURATION); renewals and cancellations due on the way run, in order",
    )
    .requiredOption("--org <id>", "organization id")
    .option("--to <time>", "the new time, ISO 8601 with a zone (2027-01-01T00:00:00Z)")
    .option("--by <duration>", "how far to move it: 31d, 12h, 90m, 2w")
    .addOption(databaseOption())
    .action(async (opts: { org: string; to?: string; by?: string; database: string }) => {
      const { advanceClock, clockTarget } = await import("./clock.js");
      printJson(await advanceClock(db(opts), opts.org, clockTarget(opts)));
    });
  clock
    .command("show")
    .description("print an organization's time and how far it runs ahead of real time")
    .requiredOption("--org <id>", "organization id")
    .addOption(databaseOption())
    .action(async (opts: { org: string; database: string }) => {
      const { readClock } = await import("./clock.js");
      printJson(await readClock(db(opts), opts.org));
    });

  const data = program.command("db").description("manage the database itself");
  data
    .command("reset")
    .description("delete every row of every table (the schema stays)")
    .option("--yes", "confirm")
    .addOption(databaseOption())
    .action(async (opts: { yes?: boolean; database: string }) => {
      const location = db(opts);
      requireYes(opts.yes, `emptying ${location.display}`);
      printJson(await resetDatabase(location));
    });
  data
    .command("backup")
    .description("write a consistent copy of a SQLite database to FILE, safe while servers run (copying the file is not)")
    .argument("<file>", "where to write the copy (must not exist)")
    .addOption(databaseOption())
    .action(async (file: string, opts: { database: string }) => {
      printJson(await backupDatabase(db(opts), file));
    });

  reportErrorsWithHints(program);
  program.addCommand(webhooksCommand({ databaseOption, locate: db, printJson }));

  return program;
}

/** Commander's own messages get the one error prefix and the help command of the command they concern. */
function reportErrorsWithHints(command: Command, path: string[] = []): void {
  const help = ["polar-customers", "help", ...path].join(" ");
  command.configureOutput({
    // One line: commander puts its "(Did you mean …?)" suggestion on a line of its own.
    outputError: (text, write) =>
      write(
        `${text
          .trim()
          .replace(/^error: /, "polar-customers: ")
          .replace(/\s*\n\s*/g, " ")} (see \`${help}\`)\n`,
      ),
  });
  for (const sub of command.commands) reportErrorsWithHints(sub, [...path, sub.name()]);
}

/**
 * `help tokens create` shows that command's help (commander's help command
 * only looks one level down); `help` of a command that does not exist is an
 * unknown command, not the general help.
 */
function expandHelp(program: Command, argv: string[]): string[] {
  const [node, script, first, ...rest] = argv;
  if (first !== "help" || rest.length === 0) return argv;
  let command = program;
  for (const name of rest) {
    const sub = command.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (!sub)
      throw new UsageError(`unknown command '${[...rest.slice(0, rest.indexOf(name)), name].join(" ")}' (see \`polar-customers help\`)`);
    command = sub;
  }
  return [node, script, ...rest, "--help"];
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (current === undefined || message.includes(current.display) || (current.file !== undefined && message.includes(current.file)))
    return message;
  return `${message} (database ${current.display})`;
}

async function main(argv: string[]): Promise<void> {
  try {
    const program = buildProgram();
    await program.parseAsync(expandHelp(program, argv));
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; every other commander error is a usage mistake, already reported.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(`polar-customers: ${describeError(error)}\n`);
    process.exitCode = error instanceof UsageError || error instanceof SeedError ? EXIT_USAGE : EXIT_FAILURE;
  }
}

await main(process.argv);
