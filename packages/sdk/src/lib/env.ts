/** The environment variables the SDK reads, parsed once and kept (like the official SDK). */
export type SDKEnv = { POLAR_ACCESS_TOKEN?: string | undefined; POLAR_DEBUG?: boolean | undefined };

let cached: SDKEnv | undefined;

function readRaw(): Record<string, string | undefined> {
  const g = globalThis as any;
  try {
    // Deno exposes env through Deno.env; Node and Bun through process.env; browsers have neither.
    return g.Deno?.env?.toObject?.() ?? g.process?.env ?? {};
  } catch {
    return {}; // Deno without --allow-env throws
  }
}

export function env(): SDKEnv {
  if (!cached) {
    const raw = readRaw();
    const debug = raw["POLAR_DEBUG"];
    cached = {
      POLAR_ACCESS_TOKEN: raw["POLAR_ACCESS_TOKEN"],
      // Stricter than the official SDK, which turns logging on for any non-empty value, "false" included.
      POLAR_DEBUG: !!debug && !/^(0|false|no|off)$/i.test(debug),
    };
  }
  return cached;
}

/** Forget the parsed environment so the next client reads it again (tests use this). */
export function resetEnv(): void {
  cached = undefined;
}
