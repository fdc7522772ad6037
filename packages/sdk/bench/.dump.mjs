import { build } from "esbuild";
const r = await build({ stdin: { contents: `import { PolarCore } from "@polar-customers/sdk/core.js";
import { customersGet } from "@polar-customers/sdk/funcs/customersGet.js";
export default () => customersGet(new PolarCore({ accessToken: "t" }), { id: "x" });`, resolveDir: process.cwd() }, bundle: true, minify: true, format: "esm", platform: "browser", write: false, metafile: true });
if (process.argv[2]) { console.log(await (await import("esbuild")).analyzeMetafile(r.metafile)); process.exit(0); }
process.stdout.write(r.outputFiles[0].text);
