/** What `$inspect()` reports about the HTTP exchange behind a call. */
export type APICall =
  | { status: "complete"; request: Request; response: Response }
  | { status: "request-error"; request: Request; response?: undefined }
  | { status: "invalid"; request?: undefined; response?: undefined };

/**
 * A Promise of the call's value that can also reveal the request and response (`$inspect`).
 */
export class APIPromise<T> implements Promise<T> {
  readonly #inner: Promise<[T, APICall]>;
  readonly [Symbol.toStringTag] = "APIPromise";

  constructor(inner: Promise<[T, APICall]>) {
    this.#inner = inner;
  }

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#inner.then((pair) => pair[0]).then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  $inspect(): Promise<[T, APICall]> {
    return this.#inner;
  }
}
