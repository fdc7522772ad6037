import { PolarError, type HttpMeta } from "./polarerror.js";

const MAX_BODY = 10_000;

/** The fallback for any status or content type the operation does not describe. */
export class SDKError extends PolarError {
  constructor(message: string, httpMeta: HttpMeta) {
    const { response, body } = httpMeta;
    const contentType = response.headers.get("content-type") || "";
    let text = `${message}: Status ${response.status}`;
    if (contentType !== "application/json") {
      text += ` Content-Type ${contentType.includes(" ") ? `"${contentType}"` : contentType || '""'}`;
    }
    text += body.length > 100 ? "\n" : ". ";
    const shown = body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}…and ${body.length - MAX_BODY} more chars` : body;
    text += `Body: ${shown || '""'}`;
    super(text.trim(), httpMeta);
    this.name = "SDKError";
  }
}
