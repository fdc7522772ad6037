/** Fetches the following page, or is `null` on the last one. */
export type Paginator<V> = () => Promise<V & { next: Paginator<V> }> | null;

/** A page of results that can fetch its successors and be walked with `for await`. */
export type PageIterator<V, PageState = unknown> = V & {
  next: Paginator<V>;
  [Symbol.asyncIterator]: () => AsyncIterableIterator<V>;
  "~next"?: PageState | undefined;
};

/** One fetched page plus the way to fetch the next one (null when iteration must stop). */
export type Step<V, PageState> = {
  value: V;
  state?: PageState | undefined;
  more: (() => Promise<Step<V, PageState>>) | null;
};

/** Yields the value of `first` and of every following step. */
export async function* walk<V>(first: Step<V, unknown>): AsyncGenerator<V, void, unknown> {
  for (let step: Step<V, unknown> | null = first; step; step = step.more ? await step.more() : null) {
    yield step.value;
  }
}

/** Turns a step into the public page object: its value's keys plus `next`, `~next` and iteration. */
export function toPageIterator<V extends object, S>(step: Step<V, S>): PageIterator<V, S> {
  const page = {
    ...step.value,
    next: () => (step.more ? step.more().then(toPageIterator) : null),
    [Symbol.asyncIterator]: () => walk(step),
  } as PageIterator<V, S>;
  if (step.state !== undefined) page["~next"] = step.state;
  return page;
}

/** Maps a chain of Results onto a chain of their values, throwing the first error met. */
export function unwrapSteps<V, E, S>(step: Step<{ ok: true; value: V } | { ok: false; error: E }, S>): Step<V, S> {
  const result = step.value;
  if (!result.ok) throw result.error;
  const more = step.more;
  return { value: result.value, state: step.state, more: more && (() => more().then(unwrapSteps<V, E, S>)) };
}
