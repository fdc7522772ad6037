/** Base of the errors raised before any HTTP response was received. */
export class HTTPClientError extends Error {
  override readonly name: string = "HTTPClientError";
  declare readonly cause: unknown;

  constructor(message: string, options?: { cause?: unknown }) {
    super(options ? `${message}: ${String(options.cause)}` : message, options);
  }
}

/** The base URL is missing or is not a valid URL. */
export class InvalidRequestError extends HTTPClientError {
  override readonly name = "InvalidRequestError";
}

/** Something unexpected was thrown while preparing or sending the request (a hook, the fetcher…). */
export class UnexpectedClientError extends HTTPClientError {
  override readonly name = "UnexpectedClientError";
}

/** The server could not be reached (DNS, refused or reset connection…). */
export class ConnectionError extends HTTPClientError {
  override readonly name = "ConnectionError";
}

/** `timeoutMs` elapsed before the response arrived. */
export class RequestTimeoutError extends HTTPClientError {
  override readonly name = "RequestTimeoutError";
}

/** The caller's AbortSignal fired. */
export class RequestAbortedError extends HTTPClientError {
  override readonly name = "RequestAbortedError";
}
