/**
 * `@polar-customers/sdk/webhooks`: checks and decodes a webhook delivery, with the signature of
 * the official `@polar-sh/sdk/webhooks`. A separate entry, so programs that do not import it pay
 * nothing for it.
 */
import { verifyWebhook } from "./lib/standardwebhooks.js";
import { decodeWebhookPayload, type WebhookPayload } from "./models/components/webhookpayload.js";
import { SDKValidationError } from "./models/errors/sdkvalidationerror.js";

export { WebhookVerificationError } from "./lib/standardwebhooks.js";
export type {
  LooseWebhookEventType,
  WebhookCustomerCreatedPayload,
  WebhookCustomerDeletedPayload,
  WebhookCustomerStateChangedPayload,
  WebhookCustomerUpdatedPayload,
  WebhookLoosePayload,
  WebhookPayload,
} from "./models/components/webhookpayload.js";

/**
 * Verifies a delivery (`body` exactly as received, the request headers, the endpoint's secret as
 * Polar shows it) and returns the decoded event.
 *
 * Throws `WebhookVerificationError` when the delivery is not authentic or not fresh, and
 * `SDKValidationError` when it is authentic but not an event this SDK knows how to read.
 * Synchronous, like the official function.
 */
export function validateEvent(body: string | Uint8Array, headers: Record<string, string>, secret: string): WebhookPayload {
  const text = verifyWebhook(body, headers, secret);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SDKValidationError("Failed to parse event", err, text);
  }
  return decodeWebhookPayload(parsed);
}
