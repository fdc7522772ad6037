import { attachBody, bodyMessage, PolarError, type HttpMeta, type WithExchange } from "./polarerror.js";

export type UnauthorizedData = { error: "Unauthorized"; detail: string };

/** Exists for import compatibility: the customers operations report 401 as SDKError. */
export class Unauthorized extends PolarError {
  override readonly name: string = "Unauthorized";
  declare readonly error: "Unauthorized";
  declare readonly detail: string;
  declare readonly data$: WithExchange<UnauthorizedData>;

  constructor(err: UnauthorizedData, httpMeta: HttpMeta) {
    super(bodyMessage(err), httpMeta);
    attachBody(this, err, httpMeta);
  }
}
