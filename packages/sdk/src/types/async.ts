/** What `$inspect()` reports about the HTTP exchange behind a call. */
export type APICall =
  | { status: "complete"; request: Request; response: Response }
  | { status: "request-error"; request: Request; response?: undefined }
  | { status: "invalid"; request?: undefined; response?: undefined };

/**
 * A Promise of the call's value that can also reveal the request and response (`$inspect`).
 *
 * A real Promise subclass: `then`, `catch` and `finally` come from Promise itself, which keeps
 * bundles small. They return plain Promises (species), so nothing ever calls this constructor
 * with an executor.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #inner: Promise<[T, APICall]>;
  override readonly [Symbol.toStringTag] = "APIPromise";
  static override readonly [Symbol.species] = Promise;

  constructor(inner: Promise<[T, APICall]>) {
    super((resolve) => resolve(inner.then((pair) => pair[0])));
    this.#inner = inner;
  }

  $inspect(): Promise<[T, APICall]> {
    return this.#inner;
  }
}
