// Endpoint URL rules: Polar's (https, public hosts) when the server is exposed;
// by default also http:// and loopback/private hosts, since local development
// is what this server is mostly for.
import { isIP } from "node:net";
import { issue, type Issue } from "../../platform/schema/issues.js";

export const MAX_URL_LENGTH = 2083;
export const PRIVATE_URL_MESSAGE = "Value error, Webhook URLs cannot point to localhost or private IP addresses.";

export interface UrlPolicy {
  /** Polar's rule: https only, no localhost or private/loopback IP literals. */
  publicOnly: boolean;
}

type Loc = (string | number)[];

/** The normalised URL, or an issue in Pydantic's words. */
export function checkUrl(input: string, policy: UrlPolicy, loc: Loc): { url: string } | { issue: Issue } {
  const text = input.trim();
  if (text === "") return { issue: issue("url_parsing", loc, "Input should be a valid URL, input is empty", input) };
  if (text.length > MAX_URL_LENGTH)
    return {
      issue: issue("url_too_long", loc, `URL should have at most ${MAX_URL_LENGTH} characters`, input, { max_length: MAX_URL_LENGTH }),
    };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { issue: issue("url_parsing", loc, "Input should be a valid URL, relative URL without a base", input) };
  }
  const schemes = policy.publicOnly ? ["https:"] : ["https:", "http:"];
  if (!schemes.includes(url.protocol)) {
    const expected = policy.publicOnly ? "'https'" : "'http' or 'https'";
    return { issue: issue("url_scheme", loc, `URL scheme should be ${expected}`, input, { expected_schemes: expected }) };
  }
  if (url.hostname === "") return { issue: issue("url_parsing", loc, "Input should be a valid URL, empty host", input) };
  if (policy.publicOnly && isPrivateHost(url.hostname)) return { issue: issue("value_error", loc, PRIVATE_URL_MESSAGE, input) };
  return { url: url.href };
}

/** Host names are not resolved (as on Polar): only `localhost` and IP literals are judged. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  const version = isIP(host);
  if (version === 4) {
    const [a, b] = host.split(".").map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      a >= 224 ||
      (a === 198 && (b === 18 || b === 19))
    );
  }
  if (version === 6) {
    if (host === "::" || host === "::1") return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isPrivateHost(mapped[1]);
    // Unique-local, link-local, multicast, documentation.
    return /^(f[c-d]|fe[89ab]|ff)/.test(host) || host.startsWith("2001:db8");
  }
  return false;
}
