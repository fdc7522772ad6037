import type { ValidationError } from "../components/validationerror.js";
import { PolarError, type HttpMeta } from "./polarerror.js";

export type HTTPValidationErrorData = { detail?: ValidationError[] | undefined };

/** 422: the server rejected the request; `detail` lists each problem with its location. */
export class HTTPValidationError extends PolarError {
  declare readonly detail?: ValidationError[] | undefined;
  declare readonly data$: HTTPValidationErrorData & { request$: Request; response$: Response; body$: string };

  constructor(err: HTTPValidationErrorData, httpMeta: HttpMeta) {
    super(`API error occurred: ${JSON.stringify(err)}`, httpMeta);
    this.name = "HTTPValidationError";
    if (err.detail !== undefined) this.detail = err.detail;
    this.data$ = { ...err, request$: httpMeta.request, response$: httpMeta.response, body$: httpMeta.body };
  }
}
