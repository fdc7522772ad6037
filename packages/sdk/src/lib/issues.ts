/** Formats a validation cause as a readable list (what `pretty()` returns). */
export function prettyCause(rawMessage: string, cause: unknown): string {
  const issues: { path: unknown[]; message: string }[] = (cause as any)?.issues ?? [{ path: [], message: String(cause) }];
  return [rawMessage, ...issues.map((i) => `  ✖ ${i.message}${i.path.length ? ` (at ${i.path.join(".")})` : ""}`)].join("\n");
}
