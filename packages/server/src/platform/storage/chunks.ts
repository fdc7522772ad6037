// PostgreSQL accepts at most 65535 parameters per statement; a request body
// may carry more ids or rows than that. Work is split into statements small
// enough for both backends.

/** Rows per multi-row INSERT and values per `in (…)` list. */
export const CHUNK = 500;

export function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `work` on each chunk in turn and concatenates the results. */
export async function inChunks<T, R>(items: readonly T[], work: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunked(items)) out.push(...(await work(chunk)));
  return out;
}
