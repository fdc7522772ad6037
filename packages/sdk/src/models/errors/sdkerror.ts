import { PolarError, type HttpMeta } from "./polarerror.js";

// Bodies are cut at 10 000 characters.

/** The fallback for any status or content type the operation does not describe. */
export class SDKError extends PolarError {
  override readonly name: string = "SDKError";
  constructor(message: string, httpMeta: HttpMeta) {
    const { response, body } = httpMeta;
    const type = response.headers.get("content-type") || "";
    // The official format: the content type unless it is exactly JSON (quoted when it has spaces),
    // a newline before long bodies, and bodies cut at 10 000 characters.
    const typeText = type === "application/json" ? "" : ` Content-Type ${/ |^$/.test(type) ? `"${type}"` : type}`;
    const shown = body.length > 1e4 ? `${body.slice(0, 1e4)}…and ${body.length - 1e4} more chars` : body;
    const text = `${message}: Status ${response.status}${typeText}${body.length > 100 ? "\n" : ". "}Body: ${shown || '""'}`;
    super(text.trim(), httpMeta);
  }
}
