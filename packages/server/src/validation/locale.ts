// Locale validation and normalisation. Polar uses langcodes, which
// checks subtags against the IANA Language Subtag Registry and canonicalises
// with CLDR aliases. We do the same with the registry's JSON (package
// `language-subtag-registry`) for existence and ICU (`Intl.getCanonicalLocales`,
// which carries the CLDR alias data) for the canonical spelling.

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const registryKeys = (file: string): ReadonlySet<string> =>
  new Set(Object.keys(require(`language-subtag-registry/data/json/${file}.json`) as Record<string, number>));

/** Read on first use rather than at startup: most requests carry no locale. */
let registry:
  { languages: ReadonlySet<string>; scripts: ReadonlySet<string>; regions: ReadonlySet<string>; variants: ReadonlySet<string> } | undefined;
const subtags = () =>
  (registry ??= {
    languages: registryKeys("language"),
    scripts: registryKeys("script"),
    regions: registryKeys("region"),
    variants: registryKeys("variant"),
  });

/**
 * Grandfathered tags (RFC 5646 §2.2.8) cannot be parsed by subtag; the registry
 * gives most of them a preferred value. Those without one are rejected.
 */
const GRANDFATHERED: Readonly<Record<string, string>> = {
  "art-lojban": "jbo",
  "en-gb-oed": "en-GB-oxendict",
  "i-ami": "ami",
  "i-bnn": "bnn",
  "i-hak": "hak",
  "i-klingon": "tlh",
  "i-lux": "lb",
  "i-navajo": "nv",
  "i-pwn": "pwn",
  "i-tao": "tao",
  "i-tay": "tay",
  "i-tsu": "tsu",
  "no-bok": "nb",
  "no-nyn": "nn",
  "sgn-be-fr": "sfb",
  "sgn-be-nl": "vgt",
  "sgn-ch-de": "sgg",
  "zh-guoyu": "cmn",
  "zh-hakka": "hak",
  "zh-min-nan": "nan",
  "zh-xiang": "hsn",
};

/** Private-use ranges the registry lists as `a..b` entries; tags using them name nothing real. */
const PRIVATE_LANGUAGE = /^q[a-t][a-z]$/;

/**
 * Returns the standardised tag, or null when the tag is not a valid BCP 47 tag
 * naming a real language (`und`, private use `x-…`, unknown `xx`, empty…).
 */
export function normalizeLocale(tag: string): string | null {
  // langcodes accepts POSIX-style underscores as separators.
  const hyphenated = tag.replace(/_/g, "-");
  const preferred = GRANDFATHERED[hyphenated.toLowerCase()] ?? hyphenated;

  let canonical: string;
  try {
    const [first] = Intl.getCanonicalLocales(preferred);
    if (first === undefined) return null;
    canonical = first;
  } catch {
    return null; // not well-formed BCP 47
  }
  return hasRegisteredSubtags(canonical) ? canonical : null;
}

/** Checks the language, script, region and variant subtags against the IANA registry. */
function hasRegisteredSubtags(canonical: string): boolean {
  const locale = new Intl.Locale(canonical);
  // ICU reports `und` as an absent language, hence the fallback.
  const language = (locale.language ?? "und").toLowerCase();
  // Only 2–3 letter primary languages name a real language; `und` means "undetermined".
  if (!/^[a-z]{2,3}$/.test(language) || language === "und") return false;
  const { languages, scripts, regions, variants } = subtags();
  if (!languages.has(language) || PRIVATE_LANGUAGE.test(language)) return false;
  if (locale.script !== undefined && !scripts.has(locale.script.toLowerCase())) return false;
  if (locale.region !== undefined && !regions.has(locale.region.toLowerCase())) return false;
  return variantsOf(canonical, locale).every((variant) => variants.has(variant));
}

/** Variant subtags sit between the language/script/region prefix and the first singleton extension. */
function variantsOf(canonical: string, locale: Intl.Locale): string[] {
  const subtags = canonical.toLowerCase().split("-");
  const prefixLength = 1 + (locale.script ? 1 : 0) + (locale.region ? 1 : 0);
  const rest = subtags.slice(prefixLength);
  const extensionStart = rest.findIndex((subtag) => subtag.length === 1);
  return extensionStart === -1 ? rest : rest.slice(0, extensionStart);
}
