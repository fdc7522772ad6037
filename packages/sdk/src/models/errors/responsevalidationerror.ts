import { prettyCause } from "../../lib/issues.js";
import { PolarError, type HttpMeta } from "./polarerror.js";

/** The server answered, but the body is not what the API promises (bad JSON or wrong shape). */
export class ResponseValidationError extends PolarError {
  override readonly name: string = "ResponseValidationError";
  declare readonly rawValue: unknown;
  declare readonly rawMessage: string;
  declare readonly cause: unknown;

  constructor(message: string, extra: HttpMeta & { cause: unknown; rawValue: unknown }) {
    super(message, extra, extra);
    this.rawValue = extra.rawValue;
    this.rawMessage = message;
  }

  pretty(): string {
    return prettyCause(this);
  }
}
