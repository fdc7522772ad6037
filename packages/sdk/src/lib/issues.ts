/** Formats a validation error's cause as a readable list under its raw message (what `pretty()` returns). */
export function prettyCause({ rawMessage, cause }: { rawMessage: unknown; cause?: unknown }): string {
  const issues: { path: unknown[]; message: string }[] = (cause as any)?.issues ?? [{ path: [], message: String(cause) }];
  return rawMessage + issues.map((i) => `\n  ✖ ${i.message}${i.path.length ? ` (at ${i.path.join(".")})` : ""}`).join("");
}
