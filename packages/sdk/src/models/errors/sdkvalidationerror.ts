import { prettyCause } from "../../lib/issues.js";

/** The request failed local validation, so nothing was sent. */
export class SDKValidationError extends Error {
  override readonly name: string = "SDKValidationError";
  declare readonly rawValue: unknown;
  declare readonly rawMessage: unknown;
  declare readonly cause: unknown;

  // Kept from the official SDK for backwards compatibility: anything shaped like a validation
  // error (ResponseValidationError included) passes `instanceof SDKValidationError`.
  static override [Symbol.hasInstance](instance: unknown): boolean {
    return (
      instance instanceof Error && "rawValue" in instance && "rawMessage" in instance && typeof (instance as any).pretty === "function"
    );
  }

  constructor(message: string, cause: unknown, rawValue: unknown) {
    super(`${message}: ${cause}`, { cause });
    this.rawValue = rawValue;
    this.rawMessage = message;
  }

  pretty(): string {
    return prettyCause(this);
  }
}
