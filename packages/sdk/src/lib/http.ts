/** Same signature as the global `fetch`. */
export type Fetcher = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export type HTTPClientOptions = { fetcher?: Fetcher };

export type BeforeRequestHook = (req: Request) => Request | void | Promise<Request | void>;
export type RequestErrorHook = (err: unknown, req: Request) => void | Promise<void>;
export type ResponseHook = (res: Response, req: Request) => void | Promise<void>;

type Hooks = {
  beforeRequest: BeforeRequestHook[];
  requestError: RequestErrorHook[];
  response: ResponseHook[];
};
type HookName = keyof Hooks;
type HookFn<N extends HookName> = Hooks[N][number];

/** The transport used by every SDK call; wrap `fetch` or add hooks to observe or change requests. */
export class HTTPClient {
  private readonly fetcher: Fetcher | undefined;
  private hooks: Hooks = { beforeRequest: [], requestError: [], response: [] };

  constructor(options: HTTPClientOptions = {}) {
    this.fetcher = options.fetcher;
  }

  async request(request: Request): Promise<Response> {
    let req = request;
    for (const hook of this.hooks.beforeRequest) req = (await hook(req)) || req;
    let res: Response;
    try {
      // Bun's fetch misbehaves when given an explicit undefined init, so pass the Request alone.
      res = await (this.fetcher ? this.fetcher(req) : fetch(req));
    } catch (err) {
      for (const hook of this.hooks.requestError) await hook(err, req);
      throw err;
    }
    for (const hook of this.hooks.response) await hook(res, req);
    return res;
  }

  /**
   * Used by the SDK itself: with the default fetcher and no hooks nobody can observe the
   * Request object, so the URL and init go straight to fetch and one Request allocation is saved.
   */
  send(url: string, init: RequestInit): Promise<Response> {
    const { beforeRequest, requestError, response } = this.hooks;
    if (!this.fetcher && !beforeRequest.length && !requestError.length && !response.length) {
      return fetch(url, init);
    }
    return this.request(new Request(url, init));
  }

  addHook<N extends HookName>(name: N, hook: HookFn<N>): this {
    (this.hooks[name] as HookFn<N>[]).push(hook);
    return this;
  }

  removeHook<N extends HookName>(name: N, hook: HookFn<N>): this {
    const list = this.hooks[name] as HookFn<N>[];
    const index = list.indexOf(hook);
    if (index >= 0) list.splice(index, 1);
    return this;
  }

  clone(): HTTPClient {
    const copy = new HTTPClient(this.fetcher ? { fetcher: this.fetcher } : {});
    copy.hooks = {
      beforeRequest: [...this.hooks.beforeRequest],
      requestError: [...this.hooks.requestError],
      response: [...this.hooks.response],
    };
    return copy;
  }
}
