/**
 * Standard Webhooks signature checking as Polar's deliveries need it: headers `webhook-id`,
 * `webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256>`, several separated by
 * spaces), signed content `<id>.<timestamp>.<body>`.
 */
import { hmacSha256 } from "./hmac.js";

/** The delivery is not authentic or not fresh: missing headers, a stale timestamp or no matching signature. */
export class WebhookVerificationError extends Error {
  override readonly name: string = "WebhookVerificationError";
}

/** A delivery is accepted up to five minutes away from the local clock, in either direction. */
const TOLERANCE_SECONDS = 5 * 60;

const utf8 = (text: string) => new TextEncoder().encode(text);

const HEADER_NAMES = ["webhook-id", "webhook-timestamp", "webhook-signature"];

/** Reads the three headers whatever their case; like standardwebhooks, the last spelling wins. */
function signatureHeaders(headers: Record<string, string>): [id: unknown, timestamp: unknown, signature: unknown] {
  const found: unknown[] = [];
  for (const name of Object.keys(headers)) {
    const index = HEADER_NAMES.indexOf(name.toLowerCase());
    if (index >= 0) found[index] = headers[name];
  }
  return found as [unknown, unknown, unknown];
}

/** Compares in time that depends on the length only, so a forger learns nothing from timing. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length && i < b.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Checks a delivery and returns its body as text. The HMAC key is the UTF-8 encoding of the
 * whole secret string, `whsec_` prefix included: Polar signs with that key (it hands the
 * Standard Webhooks library the secret base64-encoded, which the library decodes back).
 */
export function verifyWebhook(body: string | Uint8Array, headers: Record<string, string>, secret: string): string {
  if (typeof secret !== "string") throw new TypeError("The webhook secret must be a string");
  if (secret === "") throw new Error("Secret can't be empty.");
  const [id, timestamp, signatures] = signatureHeaders(headers);
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError("Missing required headers");
  // Leading digits count, as with parseInt in the reference libraries; the signed content uses this number.
  const seconds = parseInt(String(timestamp), 10);
  if (Number.isNaN(seconds)) throw new WebhookVerificationError("Invalid Signature Headers");
  const now = Math.floor(Date.now() / 1000);
  if (now - seconds > TOLERANCE_SECONDS) throw new WebhookVerificationError("Message timestamp too old");
  if (seconds > now + TOLERANCE_SECONDS) throw new WebhookVerificationError("Message timestamp too new");
  // ignoreBOM keeps a leading BOM in the text, as Buffer#toString does: it is part of what was signed.
  const text =
    typeof body === "string" ? body : body instanceof Uint8Array ? new TextDecoder("utf-8", { ignoreBOM: true }).decode(body) : undefined;
  if (text === undefined) throw new TypeError("Expected payload to be of type string or Uint8Array.");
  const mac = hmacSha256(utf8(secret), utf8(`${id}.${seconds}.${text}`));
  const expected = btoa(String.fromCharCode(...mac));
  for (const versioned of String(signatures).split(" ")) {
    const [version, signature] = versioned.split(",");
    if (version === "v1" && signature !== undefined && sameText(signature, expected)) return text;
  }
  throw new WebhookVerificationError("No matching signature found");
}
