/** What every HTTP-response error knows about the exchange that produced it. */
export type HttpMeta = { response: Response; request: Request; body: string };

/** Base class of every error built from an HTTP response. */
export class PolarError extends Error {
  readonly statusCode: number;
  readonly body: string;
  readonly headers: Headers;
  readonly contentType: string;
  readonly rawResponse: Response;

  constructor(message: string, httpMeta: HttpMeta) {
    super(message);
    this.name = "PolarError";
    this.statusCode = httpMeta.response.status;
    this.body = httpMeta.body;
    this.headers = httpMeta.response.headers;
    this.contentType = httpMeta.response.headers.get("content-type") || "";
    this.rawResponse = httpMeta.response;
  }
}
