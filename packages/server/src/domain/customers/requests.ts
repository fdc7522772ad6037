// Request bodies of the customers endpoints (§5.2, §5.3 of the contract).
// These definitions validate requests and are published in /openapi.json.

import { issue, type Loc } from "../../schema/issues.js";
import {
  DICT_OR_OBJECT,
  INVALID,
  describe,
  enumeration,
  isPlainObject,
  nullable,
  object,
  refine,
  schema,
  type ObjectOf,
  type Schema,
} from "../../schema/core.js";
import { uuid4 } from "../../schema/uuid.js";
import { JsonFloat, pythonFloatRepr } from "../../schema/floats.js";
import { ECHO_LIMIT, ELISION, cutString } from "../../schema/echo.js";
import { addressInput, email, locale, metadata, optionalText } from "./fields.js";
import type { CustomerType } from "../../storage/types.js";

export const CUSTOMER_TYPES = ["individual", "team"] as const satisfies readonly CustomerType[];

const literal = <V extends string>(value: V): Schema<V> => schema({ type: "string", const: value }, () => value);

const ownerCreate = object(
  {
    email: { schema: email(), required: true },
    name: { schema: optionalText(256), default: () => null },
    external_id: { schema: optionalText(), default: () => null },
  },
  { title: "MemberOwnerCreate" },
);

const externalIdDoc = { description: "The ID of the customer in your system. Unique within the organization; once set, it cannot change.", examples: ["usr_1337"] };

const commonCreateFields = {
  metadata: { schema: metadata(), default: () => ({}) },
  external_id: { schema: describe(optionalText(), externalIdDoc), default: () => null },
  name: { schema: describe(optionalText(256), { examples: ["John Doe"] }), default: () => null },
  billing_address: { schema: nullable(addressInput()), default: () => null },
  tax_id: { schema: optionalText(), default: () => null },
  locale: { schema: nullable(locale()), default: () => null },
  organization_id: {
    schema: describe(nullable(uuid4()), { description: "The organization owning the customer. Required unless you use an organization token." }),
    default: () => null,
  },
  owner: { schema: nullable(ownerCreate), default: () => null },
};

export const customerIndividualCreate = object(
  {
    ...commonCreateFields,
    type: { schema: literal("individual"), default: () => "individual" as const },
    email: { schema: email(), required: true },
  },
  { title: "CustomerIndividualCreate", notAnObject: DICT_OR_OBJECT },
);

const teamFields = object(
  {
    ...commonCreateFields,
    type: { schema: literal("team"), required: true },
    email: { schema: nullable(email()), default: () => null },
  },
  { title: "CustomerTeamCreate", notAnObject: DICT_OR_OBJECT },
);

export const customerTeamCreate = Object.assign(
  refine(teamFields, (value, input, loc) =>
    value.email == null && value.owner == null
      ? issue("value_error", loc, "Value error, An owner with an email address is required when creating a team customer without an email.", input, { error: {} })
      : undefined,
  ),
  { fields: teamFields.fields },
);

type IndividualCreate = ObjectOf<typeof customerIndividualCreate.fields>;
type TeamCreate = ObjectOf<typeof teamFields.fields>;
export type CustomerCreate = IndividualCreate | TeamCreate;

const DISCRIMINATOR = "_customer_create_type()";
const EXPECTED_TAGS = "'individual', 'team'";

/**
 * Python's str() of a JSON value, as it appears in Pydantic's union tag message. A huge value is cut
 * past ECHO_LIMIT characters, as echoed inputs are (see schema/echo.ts).
 */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return cutString(value, ECHO_LIMIT);
  if (typeof value === "number") return String(value);
  if (value instanceof JsonFloat) return pythonFloatRepr(value.value);
  return pythonRepr(value, ECHO_LIMIT);
}

/** Python's repr() of a JSON array or object, written only until it is longer than `limit`. */
function pythonRepr(value: unknown, limit: number): string {
  let text = "";
  const write = (item: unknown): void => {
    if (typeof item === "string") text += `'${cutString(item, limit).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
    else if (Array.isArray(item)) {
      text += "[";
      for (let i = 0; i < item.length && text.length <= limit; i++) {
        if (i > 0) text += ", ";
        write(item[i]);
      }
      text += "]";
    } else if (isPlainObject(item) && !(item instanceof JsonFloat)) {
      text += "{";
      const keys = Object.keys(item);
      for (let i = 0; i < keys.length && text.length <= limit; i++) {
        if (i > 0) text += ", ";
        write(keys[i]);
        text += ": ";
        write(item[keys[i]]);
      }
      text += "}";
    } else text += pythonStr(item);
  };
  write(value);
  return text.length > limit ? text.slice(0, limit) + ELISION : text;
}

/** `CustomerCreate`: a union selected by the body's `type` (missing → individual). */
export const customerCreate: Schema<CustomerCreate> = schema(
  {
    oneOf: [{ $ref: "#/components/schemas/CustomerIndividualCreate" }, { $ref: "#/components/schemas/CustomerTeamCreate" }],
    discriminator: { propertyName: "type", mapping: { individual: "#/components/schemas/CustomerIndividualCreate", team: "#/components/schemas/CustomerTeamCreate" } },
  },
  (input, loc: Loc, issues) => {
    const tag = isPlainObject(input) && Object.prototype.hasOwnProperty.call(input, "type") ? input.type : "individual";
    if (tag === "individual") return customerIndividualCreate.parse(input, [...loc, "individual"], issues);
    if (tag === "team") return customerTeamCreate.parse(input, [...loc, "team"], issues);
    const rendered = pythonStr(tag);
    issues.push(
      issue(
        "union_tag_invalid",
        loc,
        `Input tag '${rendered}' found using ${DISCRIMINATOR} does not match any of the expected tags: ${EXPECTED_TAGS}`,
        input,
        { discriminator: DISCRIMINATOR, tag: rendered, expected_tags: EXPECTED_TAGS },
      ),
    );
    return INVALID;
  },
);

const updateFields = {
  metadata: { schema: metadata() },
  email: { schema: nullable(email()) },
  name: { schema: optionalText(256) },
  billing_address: { schema: nullable(addressInput()) },
  tax_id: { schema: optionalText() },
  locale: { schema: nullable(locale()) },
};

export const customerUpdate = object(
  {
    ...updateFields,
    external_id: { schema: describe(optionalText(), externalIdDoc) },
    type: {
      schema: describe(nullable(enumeration(CUSTOMER_TYPES, "CustomerType")), { description: "Can only be upgraded from 'individual' to 'team', never downgraded." }),
    },
  },
  { title: "CustomerUpdate", notAnObject: DICT_OR_OBJECT },
);

/** The external-id PATCH: `external_id` and `type` are not part of it and are ignored if sent. */
export const customerUpdateExternalId = object(updateFields, { title: "CustomerUpdateExternalID", notAnObject: DICT_OR_OBJECT });

export type CustomerUpdate = ObjectOf<typeof customerUpdate.fields>;

