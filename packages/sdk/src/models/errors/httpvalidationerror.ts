import type { ValidationError } from "../components/validationerror.js";
import { attachBody, bodyMessage, PolarError, type HttpMeta, type WithExchange } from "./polarerror.js";

export type HTTPValidationErrorData = { detail?: ValidationError[] | undefined };

/** 422: the server rejected the request; `detail` lists each problem with its location. */
export class HTTPValidationError extends PolarError {
  override readonly name: string = "HTTPValidationError";
  declare readonly detail?: ValidationError[] | undefined;
  declare readonly data$: WithExchange<HTTPValidationErrorData>;

  constructor(err: HTTPValidationErrorData, httpMeta: HttpMeta) {
    super(bodyMessage(err), httpMeta);
    attachBody(this, err, httpMeta);
  }
}
