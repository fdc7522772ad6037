import { PolarError, type HttpMeta } from "./polarerror.js";

export type UnauthorizedData = { error: "Unauthorized"; detail: string };

/** Exists for import compatibility: the customers operations report 401 as SDKError. */
export class Unauthorized extends PolarError {
  declare readonly error: "Unauthorized";
  declare readonly detail: string;
  declare readonly data$: UnauthorizedData & { request$: Request; response$: Response; body$: string };

  constructor(err: UnauthorizedData, httpMeta: HttpMeta) {
    super(`API error occurred: ${JSON.stringify(err)}`, httpMeta);
    this.name = "Unauthorized";
    this.error = err.error;
    this.detail = err.detail;
    this.data$ = { ...err, request$: httpMeta.request, response$: httpMeta.response, body$: httpMeta.body };
  }
}
