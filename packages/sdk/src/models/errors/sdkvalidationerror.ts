import { prettyCause } from "../../lib/issues.js";

/** The request failed local validation, so nothing was sent. */
export class SDKValidationError extends Error {
  declare readonly rawValue: unknown;
  declare readonly rawMessage: unknown;
  declare readonly cause: unknown;

  // Kept from the official SDK for backwards compatibility: anything shaped like a validation
  // error (ResponseValidationError included) passes `instanceof SDKValidationError`.
  static override [Symbol.hasInstance](instance: unknown): boolean {
    if (!(instance instanceof Error)) return false;
    const v = instance as Partial<SDKValidationError>;
    return "rawValue" in v && "rawMessage" in v && typeof v.pretty === "function";
  }

  constructor(message: string, cause: unknown, rawValue: unknown) {
    super(`${message}: ${cause}`, { cause });
    this.name = "SDKValidationError";
    this.rawMessage = message;
    this.rawValue = rawValue;
  }

  pretty(): string {
    return prettyCause(String(this.rawMessage), this.cause);
  }
}
