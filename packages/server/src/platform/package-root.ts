// Files shipped beside the code (package.json, vendor/): found by walking up
// from this module to the package's own package.json, so the same lookup works
// from dist/ (one file per module) and from the startup bundle (dist/bundle/).
import { existsSync, readFileSync } from "node:fs";

const PACKAGE_NAME = "@polar-customers/server";

function findRoot(): URL {
  let dir = new URL("./", import.meta.url);
  for (;;) {
    const manifest = new URL("package.json", dir);
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === PACKAGE_NAME) return dir;
    const parent = new URL("../", dir);
    if (parent.href === dir.href) throw new Error(`${PACKAGE_NAME}: cannot find the package's package.json above ${import.meta.url}`);
    dir = parent;
  }
}

let root: URL | undefined;

/** A file of this package, e.g. `packageFile("package.json")` or `packageFile("vendor/scalar/")`. */
export const packageFile = (relative: string): URL => new URL(relative, (root ??= findRoot()));
