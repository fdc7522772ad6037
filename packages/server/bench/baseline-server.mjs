// The baseline: a bare node:http server answering every request with the same
// bytes our server returned for the endpoint it is compared with, with no
// routing, auth, parsing or storage. It reads (and drops) request bodies, as
// any server must before answering on a keep-alive connection.
//   BASELINE_BODY_FILE=response.json node bench/baseline-server.mjs   (or BASELINE_BODY='…')
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const body = process.env.BASELINE_BODY_FILE ? readFileSync(process.env.BASELINE_BODY_FILE) : Buffer.from(process.env.BASELINE_BODY ?? "{}");
const headers = { "content-type": "application/json", "content-length": body.length };
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(Number(process.env.BASELINE_PORT ?? 0), "127.0.0.1", () =>
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`),
);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
