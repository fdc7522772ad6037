/** What every HTTP-response error knows about the exchange that produced it. */
export type HttpMeta = { response: Response; request: Request; body: string };

/** Base class of every error built from an HTTP response. */
export class PolarError extends Error {
  override readonly name: string = "PolarError";
  declare readonly statusCode: number;
  declare readonly body: string;
  declare readonly headers: Headers;
  declare readonly contentType: string;
  declare readonly rawResponse: Response;

  /** `options` is Error's own: only ResponseValidationError passes a cause. */
  constructor(message: string, httpMeta: HttpMeta, options?: ErrorOptions) {
    super(message, options);
    this.statusCode = httpMeta.response.status;
    this.body = httpMeta.body;
    this.headers = httpMeta.response.headers;
    this.contentType = httpMeta.response.headers.get("content-type") || "";
    this.rawResponse = httpMeta.response;
  }
}

/** The `data$` of an error built from a documented JSON body: the body's fields plus the exchange. */
export type WithExchange<D> = D & { request$: Request; response$: Response; body$: string };

/** The body's fields plus the exchange: `data$`, and the `rawValue` of a 404/422 body that failed validation. */
export function withExchange<D extends object>(data: D, httpMeta: HttpMeta): WithExchange<D> {
  return { ...data, request$: httpMeta.request, response$: httpMeta.response, body$: httpMeta.body };
}

/** Copies the body's fields onto the error and sets `data$`; shared by the typed API errors. */
export function attachBody<D extends object>(error: PolarError, data: D, httpMeta: HttpMeta): void {
  Object.assign(error, data, { data$: withExchange(data, httpMeta) });
}

/** The message of the typed API errors: only the API's own fields, not the request/response objects. */
export const bodyMessage = (data: object) => `API error occurred: ${JSON.stringify(data)}`;
