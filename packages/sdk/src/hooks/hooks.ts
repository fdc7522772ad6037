import type {
  AfterErrorContext,
  AfterErrorHook,
  AfterSuccessContext,
  AfterSuccessHook,
  BeforeCreateRequestContext,
  BeforeCreateRequestHook,
  BeforeRequestContext,
  BeforeRequestHook,
  SDKInitHook,
  SDKInitOptions,
} from "./types.js";

/**
 * Runs registered SDK hooks in order. Not a typed option: pass an instance as `hooks` in the
 * client options (as with the official SDK) to observe or change requests and responses.
 */
export class SDKHooks {
  sdkInitHooks: SDKInitHook[] = [];
  beforeCreateRequestHooks: BeforeCreateRequestHook[] = [];
  beforeRequestHooks: BeforeRequestHook[] = [];
  afterSuccessHooks: AfterSuccessHook[] = [];
  afterErrorHooks: AfterErrorHook[] = [];

  registerSDKInitHook(hook: SDKInitHook): void {
    this.sdkInitHooks.push(hook);
  }
  registerBeforeCreateRequestHook(hook: BeforeCreateRequestHook): void {
    this.beforeCreateRequestHooks.push(hook);
  }
  registerBeforeRequestHook(hook: BeforeRequestHook): void {
    this.beforeRequestHooks.push(hook);
  }
  registerAfterSuccessHook(hook: AfterSuccessHook): void {
    this.afterSuccessHooks.push(hook);
  }
  registerAfterErrorHook(hook: AfterErrorHook): void {
    this.afterErrorHooks.push(hook);
  }

  sdkInit(opts: SDKInitOptions): SDKInitOptions {
    return this.sdkInitHooks.reduce((o, hook) => hook.sdkInit(o), opts);
  }

  beforeCreateRequest(hookCtx: BeforeCreateRequestContext, input: { url: URL; options?: RequestInit }) {
    return this.beforeCreateRequestHooks.reduce((i, hook) => hook.beforeCreateRequest(hookCtx, i), input);
  }

  async beforeRequest(hookCtx: BeforeRequestContext, request: Request): Promise<Request> {
    let req = request;
    for (const hook of this.beforeRequestHooks) req = await hook.beforeRequest(hookCtx, req);
    return req;
  }

  async afterSuccess(hookCtx: AfterSuccessContext, response: Response): Promise<Response> {
    let res = response;
    for (const hook of this.afterSuccessHooks) res = await hook.afterSuccess(hookCtx, res);
    return res;
  }

  async afterError(hookCtx: AfterErrorContext, response: Response | null, error: unknown) {
    let out = { response, error };
    for (const hook of this.afterErrorHooks) out = await hook.afterError(hookCtx, out.response, out.error);
    return out;
  }
}
