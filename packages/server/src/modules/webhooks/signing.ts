// Standard Webhooks v1 signatures the way Polar makes them: the HMAC key is
// the UTF-8 bytes of the whole secret, `whsec_` prefix included.
import { createHmac, randomBytes } from "node:crypto";

export function sign(secret: string, webhookId: string, unixSeconds: number, body: string): string {
  const mac = createHmac("sha256", Buffer.from(secret, "utf8")).update(`${webhookId}.${unixSeconds}.${body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

/** The five headers of a delivery, signed for this attempt. */
export function deliveryHeaders(secret: string, webhookId: string, body: string, at: Date): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    "user-agent": "polar.sh webhooks",
    "content-type": "application/json",
    "webhook-id": webhookId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, webhookId, timestamp, body),
  };
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(value: number, width: number): string {
  let out = "";
  for (let n = value; n > 0; n = Math.floor(n / 62)) out = ALPHANUMERIC[n % 62] + out;
  return out.padStart(width, "0");
}

/** `whsec_` + 37 random alphanumerics + their CRC-32 in 6 base-62 digits (Polar's token format). */
export function generateSecret(): string {
  let random = "";
  // Rejection sampling keeps the 62 characters equally likely.
  while (random.length < 37) for (const byte of randomBytes(64)) if (byte < 248 && random.length < 37) random += ALPHANUMERIC[byte % 62];
  return `whsec_${random}${base62(crc32(random), 6)}`;
}
