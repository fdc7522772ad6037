/** What every HTTP-response error knows about the exchange that produced it. */
export type HttpMeta = { response: Response; request: Request; body: string };

/** Base class of every error built from an HTTP response. */
export class PolarError extends Error {
  declare readonly statusCode: number;
  declare readonly body: string;
  declare readonly headers: Headers;
  declare readonly contentType: string;
  declare readonly rawResponse: Response;

  constructor(message: string, httpMeta: HttpMeta, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "PolarError";
    this.statusCode = httpMeta.response.status;
    this.body = httpMeta.body;
    this.headers = httpMeta.response.headers;
    this.contentType = httpMeta.response.headers.get("content-type") || "";
    this.rawResponse = httpMeta.response;
  }
}
