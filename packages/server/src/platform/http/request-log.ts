// The request log: one JSON line per answered request (method, path, status,
// duration in ms) through pino, written asynchronously so that logging never
// waits for the terminal or file behind stdout. Fastify's own request logging
// (two lines per request with serialized request and reply) is replaced by
// overriding its log controller, so no extra hook runs per request.

import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from "fastify";
import { pino, type Logger } from "pino";

export interface RequestLog {
  readonly logger: Logger;
  /** Writes out whatever is still buffered; call before the process exits. */
  flush(): void;
}

const BATCH_BYTES = 8 * 1024;
const FLUSH_INTERVAL_MS = 1_000;

/** `fd` 1 is stdout; tests pass a file's descriptor, or a stream to read the lines back. */
export function openRequestLog(level: string, fd: number | NodeJS.WritableStream = 1): RequestLog {
  if (typeof fd !== "number") return { logger: pino({ level, base: { pid: process.pid } }, fd), flush: () => {} };
  // Asynchronous and buffered: lines collect in memory and go out in writes of
  // at least BATCH_BYTES (one write per request cost more than the line itself
  // under load), or at the latest after FLUSH_INTERVAL_MS when traffic is light.
  const destination = pino.destination({ dest: fd, sync: false, minLength: BATCH_BYTES });
  const logger = pino({ level, base: { pid: process.pid } }, destination);
  const timer = setInterval(() => {
    destination.flush();
  }, FLUSH_INTERVAL_MS).unref();
  let flushed = false;
  const flush = () => {
    if (flushed) return;
    flushed = true;
    clearInterval(timer);
    try {
      destination.flushSync();
    } catch {
      // Nothing to write, or the destination is gone (closed pipe): nothing more can be done.
    }
  };
  process.once("exit", flush);
  return { logger, flush };
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
  if (log === undefined) return { logger: false } as const;
  return {
    loggerInstance: log.logger as FastifyBaseLogger,
    logController: new OneLinePerRequest(),
    // Every request logs through the one logger: a child per request (for a request id) costs more than the line itself.
    childLoggerFactory: (logger: FastifyBaseLogger) => logger,
  };
}
