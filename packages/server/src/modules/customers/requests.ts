// Request bodies of the customers endpoints. These definitions validate
// requests and are published in /openapi.json.

import { issue, type Loc } from "../../platform/schema/issues.js";
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
} from "../../platform/schema/core.js";
import { named } from "../../platform/schema/component.js";
import { uuid4 } from "../../platform/schema/uuid.js";
import { pythonStr } from "../../platform/schema/python.js";
import { addressInput, email, locale, metadata, optionalText } from "./fields.js";
import type { CustomerType } from "./model.js";

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

const externalIdDoc = {
  description: "The ID of the customer in your system. Unique within the organization; once set, it cannot change.",
  examples: ["usr_1337"],
};

const commonCreateFields = {
  metadata: { schema: metadata(), default: () => ({}) },
  external_id: { schema: describe(optionalText(), externalIdDoc), default: () => null },
  name: { schema: describe(optionalText(256), { examples: ["John Doe"] }), default: () => null },
  billing_address: { schema: nullable(addressInput()), default: () => null },
  tax_id: { schema: optionalText(), default: () => null },
  locale: { schema: nullable(locale()), default: () => null },
  organization_id: {
    schema: describe(nullable(uuid4()), {
      description: "The organization owning the customer. Required unless you use an organization token.",
    }),
    default: () => null,
  },
  owner: { schema: nullable(ownerCreate), default: () => null },
};

export const customerIndividualCreate = named(
  "CustomerIndividualCreate",
  object(
    {
      ...commonCreateFields,
      type: { schema: literal("individual"), default: () => "individual" as const },
      email: { schema: email(), required: true },
    },
    { title: "CustomerIndividualCreate", notAnObject: DICT_OR_OBJECT },
  ),
);

const teamFields = object(
  {
    ...commonCreateFields,
    type: { schema: literal("team"), required: true },
    email: { schema: nullable(email()), default: () => null },
  },
  { title: "CustomerTeamCreate", notAnObject: DICT_OR_OBJECT },
);

export const customerTeamCreate = named(
  "CustomerTeamCreate",
  Object.assign(
    refine(teamFields, (value, input, loc) =>
      value.email == null && value.owner == null
        ? issue(
            "value_error",
            loc,
            "Value error, An owner with an email address is required when creating a team customer without an email.",
            input,
            { error: {} },
          )
        : undefined,
    ),
    { fields: teamFields.fields },
  ),
);

type IndividualCreate = ObjectOf<typeof customerIndividualCreate.fields>;
type TeamCreate = ObjectOf<typeof teamFields.fields>;
export type CustomerCreate = IndividualCreate | TeamCreate;

const DISCRIMINATOR = "_customer_create_type()";
const EXPECTED_TAGS = "'individual', 'team'";

export { pythonStr };

/**
 * `CustomerCreate`: a union selected by the body's `type` (missing → individual). Published as
 * `anyOf`: the branches never both match (`type` is the const `team` and required in one, the
 * const `individual` or absent in the other), but `oneOf` with an optional tag reads to linters
 * and generators as overlapping branches.
 */
const customerCreateUnion: Schema<CustomerCreate> = schema(
  {
    anyOf: [customerIndividualCreate.json, customerTeamCreate.json],
    discriminator: {
      propertyName: "type",
      mapping: { individual: customerIndividualCreate.json.$ref, team: customerTeamCreate.json.$ref },
    },
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

export const customerCreate = named("CustomerCreate", customerCreateUnion);

const updateFields = {
  metadata: { schema: metadata() },
  email: { schema: nullable(email()) },
  name: { schema: optionalText(256) },
  billing_address: { schema: nullable(addressInput()) },
  tax_id: { schema: optionalText() },
  locale: { schema: nullable(locale()) },
};

export const customerUpdate = named(
  "CustomerUpdate",
  object(
    {
      ...updateFields,
      external_id: { schema: describe(optionalText(), externalIdDoc) },
      type: {
        schema: describe(nullable(enumeration(CUSTOMER_TYPES, "CustomerType")), {
          description: "Can only be upgraded from 'individual' to 'team', never downgraded.",
        }),
      },
    },
    { title: "CustomerUpdate", notAnObject: DICT_OR_OBJECT },
  ),
);

/** The external-id PATCH: `external_id` and `type` are not part of it and are ignored if sent. */
export const customerUpdateExternalId = named(
  "CustomerUpdateExternalID",
  object(updateFields, { title: "CustomerUpdateExternalID", notAnObject: DICT_OR_OBJECT }),
);

export type CustomerUpdate = ObjectOf<typeof customerUpdate.fields>;
