// Request bodies and query parameters of the webhooks endpoints.
import { named, type NamedSchema } from "../../platform/schema/component.js";
import { DICT_OR_OBJECT, enumeration, nullable, object, schema, string, INVALID } from "../../platform/schema/core.js";
import { issue, type Issue } from "../../platform/schema/issues.js";
import { list } from "../../platform/schema/list.js";
import { boolean } from "../../platform/schema/numbers.js";
import { lastValue, type QueryField } from "../../platform/schema/query.js";
import { uuid4 } from "../../platform/schema/uuid.js";
import { MAX_URL_LENGTH, checkUrl } from "./urls.js";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_FORMATS, type WebhookEventType, type WebhookFormat } from "./model.js";

/** A URL as the lax (local-development) policy accepts it; the public-only rule is applied by the service. */
const webhookUrl = () =>
  schema<string>({ type: "string", maxLength: MAX_URL_LENGTH, minLength: 1, format: "uri" }, (input, loc, issues) => {
    const text = string().parse(input, loc, issues);
    if (text === INVALID) return INVALID;
    const checked = checkUrl(text, { publicOnly: false }, [...loc]);
    if ("issue" in checked) {
      issues.push(checked.issue);
      return INVALID;
    }
    return checked.url;
  });

const eventTypes = () => list(enumeration(WEBHOOK_EVENT_TYPES, "WebhookEventType"));
const format = () => enumeration(WEBHOOK_FORMATS, "WebhookFormat");
/** Deprecated and hidden on Polar: a secret chosen by the caller, stored verbatim. */
const chosenSecret = () => nullable(string({ minLength: 32, rejectNul: true }));

export interface EndpointCreate {
  url: string;
  name: string | null;
  format: WebhookFormat;
  events: WebhookEventType[];
  organization_id: string | null;
  secret: string | null;
}

export const endpointCreate = named(
  "WebhookEndpointCreate",
  object(
    {
      url: { schema: webhookUrl(), required: true },
      name: { schema: nullable(string({ rejectNul: true })), default: () => null },
      format: { schema: format(), required: true },
      events: { schema: eventTypes(), required: true },
      organization_id: { schema: nullable(uuid4()), default: () => null },
      secret: { schema: chosenSecret(), default: () => null, hidden: true },
    },
    { title: "WebhookEndpointCreate", notAnObject: DICT_OR_OBJECT },
  ),
) as unknown as NamedSchema<EndpointCreate>;

export interface EndpointUpdate {
  url?: string | null;
  name?: string | null;
  format?: WebhookFormat | null;
  events?: WebhookEventType[] | null;
  enabled?: boolean | null;
  secret?: string | null;
}

export const endpointUpdate = named(
  "WebhookEndpointUpdate",
  object(
    {
      url: { schema: nullable(webhookUrl()) },
      name: { schema: nullable(string({ rejectNul: true })) },
      format: { schema: nullable(format()) },
      events: { schema: nullable(eventTypes()) },
      enabled: { schema: nullable(boolean()) },
      secret: { schema: chosenSecret(), hidden: true },
    },
    { title: "WebhookEndpointUpdate", notAnObject: DICT_OR_OBJECT },
  ),
) as unknown as NamedSchema<EndpointUpdate>;

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** `AwareDatetime | None`: an ISO date-time that names its offset. */
export function awareDateTimeParam(description: string): QueryField<Date | undefined> {
  return {
    parameter: (name) => ({
      name,
      in: "query",
      required: false,
      schema: { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] },
      description,
    }),
    parse(query, name, issues: Issue[]) {
      const text = lastValue(query[name]);
      if (text === undefined) return undefined;
      const match = ISO_DATETIME.exec(text);
      const parsed = match ? new Date(match[8] ? text : `${text}Z`) : undefined;
      if (!match || parsed === undefined || Number.isNaN(parsed.getTime())) {
        issues.push(
          issue(
            "datetime_from_date_parsing",
            ["query", name],
            "Input should be a valid datetime or date, invalid character in year",
            text,
            { error: "invalid character in year" },
          ),
        );
        return undefined;
      }
      if (!match[8]) {
        issues.push(issue("timezone_aware", ["query", name], "Input should have timezone info", text));
        return undefined;
      }
      return parsed;
    },
  };
}

export const HTTP_CODE_CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;
