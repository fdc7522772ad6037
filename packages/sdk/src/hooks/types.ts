import type { HTTPClient } from "../lib/http.js";
import type { RetryConfig } from "../lib/retries.js";

export type HookContext = {
  baseURL: string | URL;
  operationID: string;
  oAuth2Scopes: string[] | null;
  securitySource?: unknown;
  retryConfig: RetryConfig;
  resolvedSecurity: { headers: Record<string, string> } | null;
  options: object;
  timeoutMs: number;
};

export type SDKInitOptions = { baseURL: URL | null; client: HTTPClient };

export type BeforeCreateRequestContext = HookContext;
export type BeforeRequestContext = HookContext;
export type AfterSuccessContext = HookContext;
export type AfterErrorContext = HookContext;

export interface SDKInitHook {
  sdkInit: (opts: SDKInitOptions) => SDKInitOptions;
}
export interface BeforeCreateRequestHook {
  beforeCreateRequest: (
    hookCtx: BeforeCreateRequestContext,
    input: { url: URL; options?: RequestInit },
  ) => { url: URL; options?: RequestInit };
}
export interface BeforeRequestHook {
  beforeRequest: (hookCtx: BeforeRequestContext, request: Request) => Request | Promise<Request>;
}
export interface AfterSuccessHook {
  afterSuccess: (hookCtx: AfterSuccessContext, response: Response) => Response | Promise<Response>;
}
export interface AfterErrorHook {
  afterError: (
    hookCtx: AfterErrorContext,
    response: Response | null,
    error: unknown,
  ) => { response: Response | null; error: unknown } | Promise<{ response: Response | null; error: unknown }>;
}

export type Hook = SDKInitHook | BeforeCreateRequestHook | BeforeRequestHook | AfterSuccessHook | AfterErrorHook;

/** What the request pipeline calls; `SDKHooks` implements it. */
export type SDKHooksLike = Partial<
  SDKInitHook & BeforeCreateRequestHook & BeforeRequestHook & AfterSuccessHook & AfterErrorHook
>;
