import { PolarError, type HttpMeta } from "./polarerror.js";

export type ResourceNotFoundData = { error: "ResourceNotFound"; detail: string };

/** 404 with the API's `{"error":"ResourceNotFound","detail":…}` body. */
export class ResourceNotFound extends PolarError {
  declare readonly error: "ResourceNotFound";
  declare readonly detail: string;
  declare readonly data$: ResourceNotFoundData & { request$: Request; response$: Response; body$: string };

  constructor(err: ResourceNotFoundData, httpMeta: HttpMeta) {
    // Only the API's own fields go into the message, not the request/response objects.
    super(`API error occurred: ${JSON.stringify(err)}`, httpMeta);
    this.name = "ResourceNotFound";
    this.error = err.error;
    this.detail = err.detail;
    this.data$ = { ...err, request$: httpMeta.request, response$: httpMeta.response, body$: httpMeta.body };
  }
}
