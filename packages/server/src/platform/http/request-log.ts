// The server's log through pino: one line per answered request (method, path,
// status, duration in ms) and the startup lines, as JSON lines, or as
// pino-pretty's human-readable lines on a terminal; written asynchronously so
// that logging never waits for the terminal or file behind stdout. Fastify's own request logging
// (two lines per request with serialized request and reply) is replaced by
// overriding its log controller, so no extra hook runs per request.

import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from "fastify";
import { pino, type Logger } from "pino";
import { prettyFactory } from "pino-pretty";
import type { LogFormat, LogLevel } from "./log-options.js";

export * from "./log-options.js";

export interface LogOptions {
  level: LogLevel;
  /** `auto` (the default) is `pretty` when stdout is a terminal and `json` otherwise. */
  format?: LogFormat;
  /** Tests pass a stream to read the lines back; stdout (fd 1) otherwise. */
  stream?: NodeJS.WritableStream;
}

export interface RequestLog {
  /** The request log and warnings, at the chosen level. */
  readonly logger: Logger;
  /**
   * Startup lines (what was created, where everything is, "listening on"):
   * written whatever the level, since they carry a token shown only once and
   * the line supervisors wait for. Sent out at once rather than batched.
   */
  announce(message: string, fields?: Record<string, unknown>): void;
  /** Writes out whatever is still buffered; call before the process exits. */
  flush(): void;
}

const BATCH_BYTES = 8 * 1024;
const FLUSH_INTERVAL_MS = 1_000;

/** Request records read `GET /v1/customers/ 200 1.2 ms`; other records their message (and an error's). */
const prettyLine = (record: Record<string, unknown>, messageKey: string) => {
  const message = `${String(record[messageKey] ?? "")}`;
  const line =
    record.method === undefined
      ? message
      : `${String(record.method)} ${String(record.path)} ${String(record.status)} ${String(record.ms)} ms`;
  const err = record.err as { message?: unknown } | undefined;
  return err?.message === undefined ? line : `${line}: ${String(err.message)}`;
};

export function openRequestLog(options: LogOptions): RequestLog {
  const { level } = options;
  const base = { pid: process.pid };
  if (options.stream !== undefined) {
    const logger = pino({ level, base }, options.stream);
    const announcer = logger.child({}, { level: "info" });
    return { logger, announce: (message, fields = {}) => announcer.info(fields, message), flush: () => {} };
  }
  const isTerminal = process.stdout.isTTY === true;
  const pretty = options.format === "pretty" || ((options.format ?? "auto") === "auto" && isTerminal);
  // JSON is asynchronous and buffered: lines collect in memory and go out in
  // writes of at least BATCH_BYTES (one write per request cost more than the
  // line itself under load), or at the latest after FLUSH_INTERVAL_MS when
  // traffic is light. A person reading a terminal gets every line at once.
  // The batch is kept here rather than by sonic-boom's minLength: sonic-boom
  // measures the byte length of its whole pending text on every write, which
  // under load cost more than the rest of the line's work together.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 0 });
  const batch = pretty ? undefined : new LineBatch((text) => destination.write(text));
  const format = pretty
    ? prettyFactory({
        // Colour only for a terminal (and never with NO_COLOR); a forced `pretty` into a file or pipe stays plain.
        colorize: isTerminal && !process.env.NO_COLOR,
        translateTime: "SYS:HH:MM:ss.l",
        ignore: "pid,hostname",
        hideObject: true,
        singleLine: true,
        messageFormat: (record, messageKey) => prettyLine(record, messageKey),
      })
    : undefined;
  const sink = format
    ? {
        write: (line: string) => {
          const text = format(line);
          destination.write(text.endsWith("\n") ? text : `${text}\n`);
        },
      }
    : batch!;
  const logger = pino({ level, base }, sink);
  const announcer = logger.child({}, { level: "info" });
  const timer = setInterval(() => {
    batch?.flush();
    destination.flush();
  }, FLUSH_INTERVAL_MS).unref();
  // stdout closed by its reader (`serve | head -1`): a log nobody reads must
  // not stop the server, so it keeps serving and logs nothing more.
  let closed = false;
  destination.on("error", (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    logger.level = "silent";
    announcer.level = "silent";
    try {
      process.stderr.write(
        `polar-customers: stdout is closed (${error.code ?? error.message}); the log is off, the server goes on serving\n`,
      );
    } catch {
      // stderr may be gone too.
    }
  });
  let flushed = false;
  const flush = () => {
    if (flushed) return;
    flushed = true;
    clearInterval(timer);
    if (closed) return;
    try {
      batch?.flush();
      destination.flushSync();
    } catch {
      // Nothing to write, or the destination is gone (closed pipe): nothing more can be done.
    }
  };
  process.once("exit", flush);
  const announce = (message: string, fields: Record<string, unknown> = {}) => {
    announcer.info(fields, message);
    if (closed) return;
    batch?.flush();
    destination.flush();
  };
  return { logger, announce, flush };
}

/** Lines held until they make BATCH_BYTES (counted in characters), then handed on as one text. */
class LineBatch {
  private lines: string[] = [];
  private size = 0;

  constructor(private readonly send: (text: string) => void) {}

  write(line: string): void {
    this.lines.push(line);
    this.size += line.length;
    if (this.size >= BATCH_BYTES) this.flush();
  }

  flush(): void {
    if (this.lines.length === 0) return;
    const text = this.lines.join("");
    this.lines = [];
    this.size = 0;
    this.send(text);
  }
}

/** The query string may carry search terms and emails: only the path is logged. */
const pathOf = (url: string) => {
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
};

class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      path: pathOf(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) reply.log.error({ ...line, err: error }, "request failed");
    else reply.log.info(line, "request");
  }
}

/** Fastify options that route its logging through `log`, one line per request. */
export function fastifyLogging(log: RequestLog | undefined) {
  // Silent: no logger at all, which is cheaper than one that drops every line.
  if (log === undefined || log.logger.level === "silent") return { logger: false } as const;
  return {
    loggerInstance: log.logger as FastifyBaseLogger,
    logController: new OneLinePerRequest(),
    // Every request logs through the one logger: a child per request (for a request id) costs more than the line itself.
    childLoggerFactory: (logger: FastifyBaseLogger) => logger,
  };
}
