// A small human-readable reference page rendered from the OpenAPI document.

import type { JsonSchema } from "../schema/core.js";

export function renderDocsPage(document: JsonSchema): string {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, JsonSchema>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters as JsonSchema[]).map((p) => `<li><code>${escape(String(p.name))}</code> (${escape(String(p.in))}) ${escape(String(p.description ?? (p.schema as JsonSchema).description ?? ""))}</li>`).join("");
      const body = op.requestBody ? `<p>Body: <a href="#schema-${escape(String(((op.requestBody as JsonSchema).content as Record<string, { schema: { $ref: string } }>)["application/json"].schema.$ref.split("/").pop()))}">schema</a></p>` : "";
      sections.push(
        `<section><h2><span class="m">${method.toUpperCase()}</span> <code>${escape(path)}</code></h2><p><b>${escape(String(op.summary))}</b> — ${escape(String(op.description)).replace(/\n/g, "<br>")}</p>${params ? `<ul>${params}</ul>` : ""}${body}</section>`,
      );
    }
  }
  const schemas = Object.entries((document.components as { schemas: Record<string, unknown> }).schemas)
    .map(([name, schema]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><pre>${escape(JSON.stringify(schema, null, 2))}</pre></section>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>polar-customers API</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f5f5f5;padding:1rem;overflow:auto;max-height:30rem}.m{display:inline-block;min-width:4.5rem;color:#06c}</style></head><body><h1>polar-customers API</h1><p>${escape(String((document.info as JsonSchema).description))} The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>${sections.join("")}<h2>Schemas</h2>${schemas}</body></html>`;
}
