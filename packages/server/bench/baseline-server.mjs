// The baseline: a bare node:http server answering every request with the
// same customer JSON our server returns, with no routing, auth or storage.
import { createServer } from "node:http";

const body = process.env.BASELINE_BODY ?? "{}";
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`http://127.0.0.1:${server.address().port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
