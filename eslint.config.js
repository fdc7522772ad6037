// ESLint for the whole repository. Besides typescript-eslint's recommended
// rules it enforces the server's layout: the platform imports no module, and
// modules reach each other only through their index.ts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import globals from "globals";

const MODULES = "packages/server/src/modules";
const PLATFORM = "packages/server/src/platform";

/** An import of another module's file other than its index.js, from `depth` folders below a module's root. */
const siblingModuleInternals = (depth) => ({
  regex: `^(\\.\\./){${depth + 1}}(?!\\.\\.)[^/]+/(?!index\\.js$).+`,
  message: "Modules talk to each other only through their index.ts.",
});

/** Anything outside the platform folder, from `depth` folders below it. */
const outsidePlatform = (depth) => ({
  regex: `^(\\.\\./){${depth + 1}}`,
  message: "The platform serves every module and imports none (nor the composition in src/*.ts).",
});

const restrict = (files, pattern) => ({ files, rules: { "no-restricted-imports": ["error", { patterns: [pattern] }] } });

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "packages/server/vendor/**", "**/.data/**", "packages/sdk/examples/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // `catch {}` is how we say "this failure is deliberately ignored".
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  {
    // The SDK mirrors the official @polar-sh/sdk types, which use `any` and `{}` in public signatures.
    files: ["packages/sdk/src/**/*.ts", "packages/sdk/bench/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-empty-object-type": "off" },
  },
  {
    // Type tests: declarations exist to be type-checked, not used.
    files: ["packages/sdk/test/types/**/*.ts", "packages/sdk/test/types/**/*.cts"],
    rules: { "@typescript-eslint/no-unused-vars": "off", "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Tests poke at decoded JSON of every shape.
    files: ["**/test/**/*.ts", "**/tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  restrict([`${MODULES}/*/*.ts`], siblingModuleInternals(0)),
  restrict([`${MODULES}/*/*/*.ts`], siblingModuleInternals(1)),
  restrict([`${MODULES}/*/*/*/*.ts`], siblingModuleInternals(2)),
  restrict([`${PLATFORM}/*.ts`], outsidePlatform(0)),
  restrict([`${PLATFORM}/*/*.ts`], outsidePlatform(1)),
  restrict([`${PLATFORM}/*/*/*.ts`], outsidePlatform(2)),
);
