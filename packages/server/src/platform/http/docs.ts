// The API reference at /docs: Scalar's renderer (vendored into vendor/scalar/
// at build time from the npm package, see scripts/vendor-docs.mjs) pointed at
// /openapi.json. Everything is served from this package: the page works
// offline, and its "try it" client sends requests to this server directly.
// `/` redirects here.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import { packageFile } from "../package-root.js";
import type { JsonSchema } from "../schema/core.js";
import type { KnownRoute } from "./fallbacks.js";
import { sendJson } from "./send.js";

const VENDOR_DIR = packageFile("vendor/scalar/");

/** The renderer's version names its URL, so browsers may cache it for good. */
function rendererVersion(): string | null {
  try {
    return String((JSON.parse(readFileSync(new URL("package.json", VENDOR_DIR), "utf8")) as { version: string }).version);
  } catch {
    return null;
  }
}

/** Scalar options: no web fonts, telemetry, AI agent or proxy, so nothing leaves the browser but calls to this server. */
const rendererConfiguration = {
  url: "/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: "never",
  documentDownloadType: "json",
  persistAuth: false,
  authentication: { preferredSecurityScheme: "oat" },
  defaultOpenAllTags: true,
};

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);

/** What the page shows without JavaScript (and what screen readers and crawlers can use before it renders). */
function operationList(document: JsonSchema): string {
  const items: string[] = [];
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, JsonSchema>>)) {
    for (const [method, op] of Object.entries(methods)) {
      items.push(`<li><code>${method.toUpperCase()} ${escapeHtml(path)}</code>: ${escapeHtml(String(op.summary))}</li>`);
    }
  }
  return `<ul>${items.join("")}</ul>`;
}

export function renderDocsPage(document: JsonSchema, scriptUrl: string | null): string {
  const title = `${String((document.info as JsonSchema).title)} API reference`;
  // `<` escaped so that no string in the configuration can close the script element.
  const configuration = JSON.stringify(rendererConfiguration).replace(/</g, "\\u003c");
  const renderer = scriptUrl
    ? `<script src="${scriptUrl}"></script><script>Scalar.createApiReference("#app", ${configuration});</script>`
    : "<p>The interactive reference is not built (run <code>npm run build</code>); the operations are listed below.</p>";
  const fallback = `<h1>${escapeHtml(title)}</h1><p>The OpenAPI document is at <a href="/openapi.json">/openapi.json</a>.</p>${operationList(document)}`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title></head><body>` +
    (scriptUrl ? `<noscript>${fallback}</noscript><div id="app"></div>${renderer}` : `${renderer}${fallback}`) +
    `</body></html>`
  );
}

/** Registers `/`, `/docs` and the renderer's script; returns them for the 405/307 fallbacks. */
export function registerDocs(app: FastifyInstance, document: JsonSchema): KnownRoute[] {
  const version = rendererVersion();
  const scriptUrl = version === null ? null : `/docs/assets/scalar-${encodeURIComponent(version)}.js`;
  const page = renderDocsPage(document, scriptUrl);
  if (scriptUrl === null) app.log.warn("docs: vendor/scalar is missing; /docs serves the operation list only");

  app.get("/", (_request, reply) => reply.code(302).header("location", "/docs").send());
  app.get("/docs", (_request, reply) => reply.header("content-type", "text/html; charset=utf-8").send(page));
  const routes: KnownRoute[] = [
    { method: "GET", path: "/" },
    { method: "GET", path: "/docs" },
  ];
  if (scriptUrl === null) return routes;

  // Read on first use: most servers (tests, CI) never serve it, and it is 5 MB.
  let script: Promise<Buffer> | undefined;
  app.get(scriptUrl, async (request, reply) => {
    try {
      const body = await (script ??= readFile(new URL("standalone.js", VENDOR_DIR)));
      return reply
        .header("content-type", "text/javascript; charset=utf-8")
        .header("cache-control", "public, max-age=31536000, immutable")
        .send(body);
    } catch (error) {
      script = undefined;
      request.log.warn({ err: error }, "docs: cannot read the renderer bundle");
      return sendJson(reply, 404, { detail: "Not Found" });
    }
  });
  return [...routes, { method: "GET", path: scriptUrl }];
}
