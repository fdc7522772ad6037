import { attachBody, bodyMessage, PolarError, type HttpMeta, type WithExchange } from "./polarerror.js";

export type ResourceNotFoundData = { error: "ResourceNotFound"; detail: string };

/** 404 with the API's `{"error":"ResourceNotFound","detail":…}` body. */
export class ResourceNotFound extends PolarError {
  override readonly name: string = "ResourceNotFound";
  declare readonly error: "ResourceNotFound";
  declare readonly detail: string;
  declare readonly data$: WithExchange<ResourceNotFoundData>;

  constructor(err: ResourceNotFoundData, httpMeta: HttpMeta) {
    super(bodyMessage(err), httpMeta);
    attachBody(this, err, httpMeta);
  }
}
