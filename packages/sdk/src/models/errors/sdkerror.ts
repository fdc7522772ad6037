import { PolarError, type HttpMeta } from "./polarerror.js";

const MAX_BODY = 10_000;

/** The fallback for any status or content type the operation does not describe. */
export class SDKError extends PolarError {
  constructor(message: string, httpMeta: HttpMeta) {
    const { response, body } = httpMeta;
    const type = response.headers.get("content-type") || "";
    // The official format: the content type unless it is exactly JSON (quoted when it has spaces),
    // a newline before long bodies, and bodies cut at 10 000 characters.
    const typeText = type === "application/json" ? "" : ` Content-Type ${type.includes(" ") ? `"${type}"` : type || '""'}`;
    const shown = body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}…and ${body.length - MAX_BODY} more chars` : body;
    const text = `${message}: Status ${response.status}${typeText}${body.length > 100 ? "\n" : ". "}Body: ${shown || '""'}`;
    super(text.trim(), httpMeta);
    this.name = "SDKError";
  }
}
