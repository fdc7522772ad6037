// One HTTP POST of a delivery: node:http(s) without a connection pool, so
// that nothing but our headers, host and content-length goes out and no
// socket outlives the attempt. The whole exchange (connect, send, read) has
// one deadline.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

export interface HttpOutcome {
  /** null when no HTTP answer came (refused, reset, timeout, TLS). */
  status: number | null;
  headers: IncomingHttpHeaders;
  /** The first `keep` characters of the answer, or the transport error. */
  text: string;
  durationMs: number;
}

const RESPONSE_EXCERPT = 2048;

export function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpOutcome> {
  const started = performance.now();
  const target = new URL(url);
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  const payload = Buffer.from(body, "utf8");
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<HttpOutcome, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: performance.now() - started });
    };
    const req = request(target, {
      method: "POST",
      agent: false,
      headers: { ...headers, "content-length": String(payload.length) },
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: null, headers: {}, text: `Timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    req.on("error", (error) => finish({ status: null, headers: {}, text: error.message || String(error) }));
    req.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (text.length < RESPONSE_EXCERPT) text += chunk;
        // Enough read: the rest of a large answer is not kept.
        else response.destroy();
      });
      const done = () => finish({ status: response.statusCode ?? null, headers: response.headers, text: text.slice(0, RESPONSE_EXCERPT) });
      response.on("end", done);
      response.on("close", done);
      response.on("error", done);
    });
    req.end(payload);
  });
}
