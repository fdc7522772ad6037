// The log settings the command line checks before anything starts; kept apart
// from the logger so that checking them loads neither pino nor Fastify.

/** pino's levels, most severe first; `silent` logs no request and no warning. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const isLogLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

/** `pretty`: one human-readable line per record (for a terminal); `json`: one JSON object per line (for machines). */
export const LOG_FORMATS = ["auto", "json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export const isLogFormat = (value: string): value is LogFormat => (LOG_FORMATS as readonly string[]).includes(value);
