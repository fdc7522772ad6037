import { serverURLFromOptions, type ResolvedOptions, type SDKOptions } from "./config.js";
import { env } from "./env.js";
import { HTTPClient } from "./http.js";
import type { Logger } from "./logger.js";
import { toBase, type Base } from "./url.js";

/** State shared by `Polar`, `PolarCore` and resource classes: options, base URL, transport, logger. */
export class ClientSDK {
  readonly _options: ResolvedOptions;
  readonly _baseURL: URL | null;
  readonly _base: Base | null;
  readonly _httpClient: HTTPClient;
  readonly _logger: Logger | undefined;

  constructor(options: SDKOptions = {}) {
    const opts = options as ResolvedOptions;
    let baseURL = serverURLFromOptions(opts);
    let client = opts.httpClient ?? new HTTPClient();
    if (opts.hooks?.sdkInit) ({ baseURL, client } = opts.hooks.sdkInit({ baseURL, client }));
    this._options = opts;
    this._baseURL = baseURL;
    this._base = baseURL && toBase(baseURL);
    this._httpClient = client;
    this._logger = opts.debugLogger ?? (env().POLAR_DEBUG ? console : undefined);
  }
}
