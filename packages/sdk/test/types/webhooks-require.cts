// Compile-time check that `require("@polar-customers/sdk/webhooks")` finds the CommonJS types.
import webhooks = require("@polar-customers/sdk/webhooks");

function verify(body: string, headers: Record<string, string>): Date {
  try {
    return webhooks.validateEvent(body, headers, "whsec_x").timestamp;
  } catch (error) {
    if (error instanceof webhooks.WebhookVerificationError) return new Date(0);
    throw error;
  }
}
export = verify;
