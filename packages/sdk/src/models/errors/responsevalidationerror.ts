import { prettyCause } from "../../lib/issues.js";
import { PolarError, type HttpMeta } from "./polarerror.js";

/** The server answered, but the body is not what the API promises (bad JSON or wrong shape). */
export class ResponseValidationError extends PolarError {
  readonly rawValue: unknown;
  readonly rawMessage: string;
  override readonly cause: unknown;

  constructor(message: string, extra: HttpMeta & { cause: unknown; rawValue: unknown }) {
    super(message, extra);
    this.name = "ResponseValidationError";
    this.rawValue = extra.rawValue;
    this.rawMessage = message;
    this.cause = extra.cause;
  }

  pretty(): string {
    return prettyCause(this.rawMessage, this.cause);
  }
}
