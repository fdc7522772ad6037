/** The environment variables the SDK reads, parsed once and kept (like the official SDK). */
export type SDKEnv = { POLAR_ACCESS_TOKEN?: string | undefined; POLAR_DEBUG?: boolean | undefined };

let cached: SDKEnv | undefined;

export function env(): SDKEnv {
  if (!cached) {
    const g = globalThis as any;
    let raw: Record<string, string | undefined> = {};
    try {
      // Deno has Deno.env, Node and Bun process.env, browsers neither. Deno without --allow-env throws.
      raw = g.Deno?.env.toObject() ?? g.process?.env ?? raw;
    } catch {}
    cached = {
      POLAR_ACCESS_TOKEN: raw["POLAR_ACCESS_TOKEN"],
      // Stricter than the official SDK, which turns logging on for any non-empty value, "false" included.
      POLAR_DEBUG: /^(?!0$|false$|no$|off$)./i.test(raw["POLAR_DEBUG"] ?? ""),
    };
  }
  return cached;
}

/** Forget the parsed environment so the next client reads it again (tests use this). */
export function resetEnv(): void {
  cached = undefined;
}
