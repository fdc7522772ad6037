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

/** The transport used by every SDK call; wrap `fetch` or add hooks to observe or change requests. */
export class HTTPClient {
  private hooks: Hooks = { beforeRequest: [], requestError: [], response: [] };

  constructor(private readonly options: HTTPClientOptions = {}) {}

  async request(request: Request): Promise<Response> {
    const { fetcher } = this.options;
    const { beforeRequest, requestError, response } = this.hooks;
    let req = request;
    for (const hook of beforeRequest) req = (await hook(req)) || req;
    let res: Response;
    try {
      // Only the Request is passed (no undefined init): Bun's fetch misreads an explicit undefined.
      res = await (fetcher ? fetcher(req) : fetch(req));
    } catch (err) {
      for (const hook of requestError) await hook(err, req);
      throw err;
    }
    for (const hook of response) await hook(res, req);
    return res;
  }

  addHook<N extends keyof Hooks>(name: N, hook: Hooks[N][number]): this {
    (this.hooks[name] as unknown[]).push(hook);
    return this;
  }

  removeHook<N extends keyof Hooks>(name: N, hook: Hooks[N][number]): this {
    this.hooks[name] = (this.hooks[name] as unknown[]).filter((h) => h !== hook) as any;
    return this;
  }

  clone(): HTTPClient {
    const copy = new HTTPClient(this.options);
    for (const name in this.hooks) (copy.hooks as any)[name] = [...(this.hooks as any)[name]];
    return copy;
  }
}
