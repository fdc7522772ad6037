// Answers the request pipeline gives before any handler runs: auth failures
// (with their OAuth headers) and body framing problems.

export const INVALID_TOKEN_DESCRIPTION = "The access token provided is expired, revoked, malformed, or invalid for other reasons.";
export const INSUFFICIENT_SCOPE_DESCRIPTION = "The request requires higher privileges than provided by the access token.";

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** An answer with a fixed status, body and headers. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export const unauthorized = () =>
  new HttpProblem(401, { error: "Unauthorized", detail: "Unauthorized" }, { "www-authenticate": 'Bearer realm="polar"' });

const oauthHeaders = (wwwAuthenticate: string) => ({
  "cache-control": "no-store",
  pragma: "no-cache",
  "www-authenticate": wwwAuthenticate,
});

export const invalidToken = () =>
  new HttpProblem(
    401,
    { error: "invalid_token", error_description: INVALID_TOKEN_DESCRIPTION },
    oauthHeaders(`Bearer realm="polar", error="invalid_token", error_description="${INVALID_TOKEN_DESCRIPTION}"`),
  );

export const insufficientScope = (accepted: readonly string[]) =>
  new HttpProblem(
    403,
    { error: "insufficient_scope", error_description: INSUFFICIENT_SCOPE_DESCRIPTION },
    oauthHeaders(
      `Bearer realm="polar", scope="${accepted.join(" ")}", error="insufficient_scope", error_description="${INSUFFICIENT_SCOPE_DESCRIPTION}"`,
    ),
  );

export const bodyTooLarge = () => ({
  error: "RequestBodyTooLarge",
  detail: `Request body exceeded the maximum allowed size of ${MAX_BODY_BYTES} bytes.`,
});
export const lengthRequired = () => ({ error: "LengthRequired", detail: "A Content-Length header is required." });

/** Invalid UTF-8 in a JSON body: Starlette's plain 400. */
export class BodyDecodingFailed extends Error {
  constructor() {
    super("There was an error parsing the body");
  }
}
