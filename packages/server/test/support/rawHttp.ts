// Raw HTTP/1.1 over a TCP socket, for what fetch refuses to send: a POST
// without Content-Length (chunked), a Content-Length larger than the body,
// or a request whose body arrives later.

import { connect, type Socket } from "node:net";

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  text: string;

  body: any;
}

/** Parses one response (Content-Length framed or chunked) out of the bytes read so far; null if incomplete. */
function parseResponse(buffer: Buffer): RawReply | null {
  const end = buffer.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine, ...lines] = buffer.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let rest = buffer.subarray(end + 4);
  let bodyBytes: Buffer;
  if (headers["transfer-encoding"] === "chunked") {
    const chunks: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf("\r\n");
      if (lineEnd < 0) return null;
      const size = parseInt(rest.subarray(0, lineEnd).toString(), 16);
      if (rest.length < lineEnd + 2 + size + 2) return null;
      if (size === 0) break;
      chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    bodyBytes = Buffer.concat(chunks);
  } else {
    const length = Number(headers["content-length"] ?? 0);
    if (rest.length < length) return null;
    bodyBytes = rest.subarray(0, length);
  }
  const text = bodyBytes.toString("utf8");
  const body = (headers["content-type"] ?? "").includes("json") && text !== "" ? JSON.parse(text) : text;
  return { status, headers, text, body };
}

/** An open connection: write parts of a request, then await the response. */
export class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | null = null;
  private closed = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
    const onEnd = () => {
      this.closed = true;
      this.waiting?.();
    };
    socket.on("end", onEnd);
    socket.on("close", onEnd);
    socket.on("error", onEnd);
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => resolve(new RawConnection(socket)));
      socket.once("error", reject);
    });
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Resolves with the response, or rejects if the connection closes first or `timeoutMs` passes. */
  async response(timeoutMs = 5_000): Promise<RawReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = parseResponse(this.buffer);
      if (parsed) return parsed;
      if (this.closed) throw new Error(`connection closed before a full response (${this.buffer.length} bytes read)`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for the response");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = null;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Sends `head` (request line + headers, without the blank line) and `body` as given, returns the response. */
export async function rawRequest(url: string, head: string[], body: string | Buffer = ""): Promise<RawReply> {
  const connection = await RawConnection.open(url);
  try {
    const { host } = new URL(url);
    const lines = head.some((l) => /^host:/i.test(l)) ? head : [head[0], `Host: ${host}`, ...head.slice(1)];
    await connection.write(`${lines.join("\r\n")}\r\n\r\n`);
    // The server may answer (and close) before reading the body; that is fine.
    if (body.length > 0) await connection.write(body).catch(() => undefined);
    return await connection.response();
  } finally {
    connection.close();
  }
}
