/** Formats a validation cause as a readable list (what `pretty()` returns). */
export function prettyCause(rawMessage: string, cause: unknown): string {
  const issues = (cause as { issues?: { path: (string | number)[]; message: string }[] } | undefined)?.issues;
  const lines = issues
    ? issues.map((i) => `  ✖ ${i.message}${i.path.length ? `\n    → at ${i.path.join(".")}` : ""}`)
    : [`  ✖ ${String(cause)}`];
  return `${rawMessage}\n${lines.join("\n")}`;
}
