// Named schemas (OpenAPI components). A reference is made from the component
// object itself, never from a string, and carries it along, so the OpenAPI
// document collects every component it references: a typo cannot produce a
// dangling `$ref`, and an unused component is never published.

import type { JsonSchema, Schema } from "./core.js";

const COMPONENT = Symbol("component");

export interface Component {
  readonly name: string;
  readonly json: JsonSchema;
}

export const component = (name: string, json: JsonSchema): Component => ({ name, json });

/** `{"$ref": "#/components/schemas/<name>"}`; JSON.stringify drops the symbol-keyed back link. */
export const ref = (target: Component): JsonSchema => ({ $ref: `#/components/schemas/${target.name}`, [COMPONENT]: target });

/** A schema published as a component: it validates as before, and documents itself as a reference. */
export type NamedSchema<T> = Schema<T> & { readonly component: Component };

export const named = <T, S extends Schema<T>>(name: string, inner: S & Schema<T>): S & NamedSchema<T> => {
  const target = component(name, inner.json);
  return { ...inner, json: ref(target), component: target };
};

/**
 * Every component reachable from `roots`, by name, including components
 * referenced from inside other components. Two different components with one
 * name is a programming error.
 */
export function collectComponents(roots: readonly unknown[]): Record<string, JsonSchema> {
  const found = new Map<string, Component>();
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const target = (node as { [COMPONENT]?: Component })[COMPONENT];
    if (target !== undefined) {
      const existing = found.get(target.name);
      if (existing !== undefined && existing !== target && JSON.stringify(existing.json) !== JSON.stringify(target.json)) {
        throw new Error(`two different OpenAPI components are named ${target.name}`);
      }
      if (existing === undefined) {
        found.set(target.name, target);
        walk(target.json);
      }
    }
    for (const value of Object.values(node)) walk(value);
  };
  roots.forEach(walk);
  return Object.fromEntries([...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, c]) => [name, c.json]));
}
