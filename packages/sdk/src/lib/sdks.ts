import { serverURLFromOptions, type SDKOptions } from "./config.js";
import { env } from "./env.js";
import type { Logger } from "./logger.js";
import { toBase, type Base } from "./url.js";

/** State shared by `Polar`, `PolarCore` and resource classes: options, base URL, transport, logger. */
export class ClientSDK {
  declare readonly _options: SDKOptions;
  declare readonly _base: Base | null;
  declare readonly _logger: Logger | undefined;

  constructor(options: SDKOptions = {}) {
    this._options = options;
    this._base = toBase(serverURLFromOptions(options));
    this._logger = options.debugLogger ?? (env().POLAR_DEBUG ? console : undefined);
  }
}
