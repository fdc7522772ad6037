// Field rules that apply to every customer body (email, name, external id, address, tax id, metadata, locale): each case is
// sent to create (errors under ["body","individual",…]), PATCH by id and
// PATCH by external id (errors under ["body",…]).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  SCHEMA,
  bodyTargets,
  detail,
  emailError,
  expectAccepted,
  expectSchemaErrors,
  nulError,
  stringType,
  type Loc,
} from "../../../../../test/support/expect.js";
import { unique } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const INPUT_COUNTRIES = `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE
GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IS IT JE JM JO JP KE KG KH KI KM KN KR KW KY
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO
NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX
SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/);
const quoted = INPUT_COUNTRIES.map((c) => `'${c}'`);
const COUNTRY_EXPECTED = `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;

const EMAIL_REASONS: [string, string][] = [
  ["jane.example.com", "An email address must have an @-sign."],
  ["@example.com", "There must be something before the @-sign."],
  ["jane@", "There must be something after the @-sign."],
  ["jane@example", "The part after the @-sign is not valid. It should have a period."],
  ["ja..ne@example.com", "An email address cannot have two periods in a row."],
  [".jane@example.com", "An email address cannot start with a period."],
  ["jane.@example.com", "An email address cannot have a period immediately before the @-sign."],
  ["jane@example.com.", "An email address cannot end with a period."],
  ["jane@-example.com", "An email address cannot have a hyphen immediately after the @-sign."],
  ['"jane"@example.com', "Quoting the part before the @-sign is not allowed here."],
  ["jane@[127.0.0.1]", "A bracketed IP address after the @-sign is not allowed here."],
  ["ja ne@example.com", "The email address contains invalid characters before the @-sign: SPACE."],
  ["jane@printer.local", "The part after the @-sign is a special-use or reserved name that cannot be used with email."],
  ["jane@example.onion", "The part after the @-sign is a special-use or reserved name that cannot be used with email."],
  ["jane@example.123", "The part after the @-sign is not valid. It is not within a valid top-level domain."],
];

export function fieldValidationCases(get: GetServer): void {
  describe("body field rules (create and both PATCH variants)", () => {
    it("email: display-name form, trimming, domain lower-cased with the local part kept, .test allowed", async () => {
      const cases: ((id: string) => [string, string])[] = [
        (id) => [`Jane Doe <Jane.${id}@EXAMPLE.Com>`, `Jane.${id}@example.com`],
        (id) => [`  MiXeD.${id}@Example.ORG  `, `MiXeD.${id}@example.org`],
        (id) => [`Some.${id}@Mail.Example.TEST`, `Some.${id}@mail.example.test`],
      ];
      for (const make of cases) {
        const id = unique("e");
        await expectAccepted(
          get(),
          (target) => ({ email: make(id + target)[0] }),
          (c, target) => assert.equal(c.email, make(id + target)[1]),
        );
      }
    });

    for (const [input, reason] of EMAIL_REASONS) {
      it(`email: ${JSON.stringify(input)} → ${reason}`, async () => {
        await expectSchemaErrors(get(), { email: input }, (p) => [emailError([...p, "email"], input, reason)]);
      });
    }

    it("email: at most 2048 characters before parsing, and it must be a string", async () => {
      const tooLong = `${"a".repeat(2049 - "@example.com".length)}@example.com`;
      assert.equal(tooLong.length, 2049);
      await expectSchemaErrors(get(), { email: tooLong }, (p) => [
        emailError([...p, "email"], tooLong, "Length must not exceed 2048 characters"),
      ]);
      await expectSchemaErrors(get(), { email: 42 }, (p) => [stringType([...p, "email"], 42)]);
    });

    it("name: 256 characters checked before trimming, then trimmed, blank → null", async () => {
      const max = "n".repeat(256);
      await expectAccepted(get(), { name: max }, (c) => assert.equal(c.name, max));
      await expectAccepted(get(), { name: "  Ada  " }, (c) => assert.deepEqual([c.name, c.billing_name], ["Ada", "Ada"]));
      await expectAccepted(get(), { name: "   " }, (c) => assert.equal(c.name, null));
      for (const tooLong of ["n".repeat(257), ` ${max}`]) {
        await expectSchemaErrors(get(), { name: tooLong }, (p) => [
          detail("string_too_long", [...p, "name"], "String should have at most 256 characters", tooLong, { max_length: 256 }),
        ]);
      }
      await expectSchemaErrors(get(), { name: ["x"] }, (p) => [stringType([...p, "name"], ["x"])]);
    });

    it("NUL characters are rejected in every string field, reported in field order", async () => {
      const body = { name: "a\u0000b", email: "a\u0000@example.com", tax_id: "\u0000", locale: "en\u0000", external_id: "x\u0000" };
      const email = (p: Loc) => nulError([...p, "email"], body.email);
      const fields = (p: Loc) => [
        nulError([...p, "name"], body.name),
        nulError([...p, "tax_id"], body.tax_id),
        nulError([...p, "locale"], body.locale),
      ];
      await expectSchemaErrors(get(), body, (p, target) =>
        target === "create"
          ? [nulError([...p, "external_id"], body.external_id), ...fields(p), email(p)]
          : target === "update"
            ? [email(p), ...fields(p), nulError([...p, "external_id"], body.external_id)]
            : [email(p), ...fields(p)],
      );
    });

    it("NUL characters in metadata keys and values are rejected (spec gives no loc; checked under metadata)", async () => {
      for (const target of await bodyTargets(get())) {
        for (const [metadata, input] of [
          [{ "k\u0000": "v" }, "k\u0000"],
          [{ k: "v\u0000" }, "v\u0000"],
        ] as const) {
          const reply = await target.send({ metadata });
          assert.equal(reply.status, 422, reply.text);
          assert.equal(reply.body.error, SCHEMA);
          assert.equal(reply.body.detail.length, 1);
          const [item] = reply.body.detail;
          assert.deepEqual({ ...item, loc: item.loc.slice(0, target.prefix.length + 1) }, nulError([...target.prefix, "metadata"], input));
        }
      }
    });

    it("billing_address: country upper-cased, text fields trimmed, blank → null, unknown keys ignored", async () => {
      await expectAccepted(
        get(),
        { billing_address: { country: "de", line1: "  Main St 1 ", line2: "  ", city: "Berlin", state: " Berlin ", extra: 1 } },
        (c) =>
          assert.deepEqual(c.billing_address, {
            line1: "Main St 1",
            line2: null,
            postal_code: null,
            city: "Berlin",
            state: "Berlin",
            country: "DE",
          }),
      );
    });

    it("billing_address: NUL characters answer the §1 error instead of Polar's 500 (deliberate deviation)", async () => {
      // Polar exempts AddressInput from the NUL rule, so Polar stores U+0000 and PostgreSQL fails (500);
      // following the spec's "clear 4xx instead of 500" principle we answer the NUL error per field.
      const address = { country: "FR", line1: "x\u0000", city: "a\u0000b" };
      await expectSchemaErrors(get(), { billing_address: address }, (p) => [
        nulError([...p, "billing_address", "line1"], "x\u0000"),
        nulError([...p, "billing_address", "city"], "a\u0000b"),
      ]);
    });

    it("billing_address: sanctioned and unknown countries answer the enum of the 244 input codes", async () => {
      assert.equal(INPUT_COUNTRIES.length, 244);
      for (const [sent, echoed] of [
        ["RU", "RU"],
        ["ir", "IR"],
        ["CU", "CU"],
        ["KP", "KP"],
        ["sy", "SY"],
        ["XX", "XX"],
        ["", ""],
        [7, 7],
      ] as const) {
        await expectSchemaErrors(get(), { billing_address: { country: sent } }, (p) => [
          detail("enum", [...p, "billing_address", "country"], `Input should be ${COUNTRY_EXPECTED}`, echoed, {
            expected: COUNTRY_EXPECTED,
          }),
        ]);
      }
    });

    it("billing_address: missing country and non-string fields", async () => {
      const address = { city: "Paris" };
      await expectSchemaErrors(get(), { billing_address: address }, (p) => [
        detail("missing", [...p, "billing_address", "country"], "Field required", address),
      ]);
      await expectSchemaErrors(get(), { billing_address: { country: "FR", line1: 1, postal_code: false } }, (p) => [
        stringType([...p, "billing_address", "line1"], 1),
        stringType([...p, "billing_address", "postal_code"], false),
      ]);
    });

    it("billing_address: US/CA states get their prefix and must exist (case-sensitive)", async () => {
      const accepted: [Record<string, unknown>, string | null][] = [
        [{ country: "US", state: "CA" }, "US-CA"],
        [{ country: "us", state: " NY " }, "US-NY"],
        [{ country: "US", state: "US-DC" }, "US-DC"],
        [{ country: "CA", state: "QC" }, "CA-QC"],
        [{ country: "CA", state: "CA-BC" }, "CA-BC"],
        [{ country: "US" }, null],
        [{ country: "DE", state: "Bayern" }, "Bayern"],
      ];
      for (const [address, state] of accepted) {
        await expectAccepted(get(), { billing_address: address }, (c) =>
          assert.equal(c.billing_address.state, state, JSON.stringify(address)),
        );
      }
      const rejected: [Record<string, unknown>, string][] = [
        [{ country: "US", state: "ca" }, "Value error, Invalid US state"],
        [{ country: "US", state: "XX" }, "Value error, Invalid US state"],
        [{ country: "US", state: "CA-QC" }, "Value error, Invalid US state"],
        [{ country: "CA", state: "NY" }, "Value error, Invalid CA subdivision"],
        [{ country: "CA", state: "ca-qc" }, "Value error, Invalid CA subdivision"],
      ];
      for (const [address, msg] of rejected) {
        await expectSchemaErrors(get(), { billing_address: address }, (p) => [
          detail("value_error", [...p, "billing_address"], msg, address, { error: {} }),
        ]);
      }
    });

    it("external_id: trimmed, blank → null, must be a string (ignored by the external-id PATCH)", async () => {
      const only = ["create", "update"];
      await expectSchemaErrors(get(), { external_id: 12 }, (p) => [stringType([...p, "external_id"], 12)], only);
      await expectAccepted(get(), { external_id: "   " }, (c) => assert.equal(c.external_id, null), ["create"]);
      const server = get();
      const created = await server.createCustomer({ external_id: "  padded-ext  " });
      assert.equal(created.external_id, "padded-ext");
      await server.request("DELETE", `/v1/customers/${created.id}`);
      const ignored = await (await bodyTargets(server))[2].send({ external_id: 12, type: 5 });
      assert.equal(ignored.status, 200, ignored.text);
    });

    it("locale: normalised to the standard BCP 47 form", async () => {
      const cases: [string, string][] = [
        ["EN", "en"],
        ["en-us", "en-US"],
        ["en_US", "en-US"],
        ["EN-us", "en-US"],
        ["fr-ca", "fr-CA"],
        ["zh-hans-cn", "zh-Hans-CN"],
        ["pt-br", "pt-BR"],
        ["iw", "he"],
        ["sh", "sr-Latn"],
        ["i-klingon", "tlh"],
        ["en-GB-oxendict", "en-GB-oxendict"],
        ["es-419", "es-419"],
      ];
      for (const [input, stored] of cases) await expectAccepted(get(), { locale: input }, (c) => assert.equal(c.locale, stored, input));
    });

    it("locale: invalid tags and non-strings", async () => {
      for (const input of ["", "und", "x-private", "xx", "foo", "en-", "12"]) {
        await expectSchemaErrors(get(), { locale: input }, (p) => [
          detail("value_error", [...p, "locale"], "Value error, Invalid IETF BCP 47 language tag", input, { error: {} }),
        ]);
      }
      await expectSchemaErrors(get(), { locale: 1 }, (p) => [stringType([...p, "locale"], 1)]);
    });
  });
}
