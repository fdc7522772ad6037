import { nullish, toWire, oneOf, string, type Decoder } from "../../lib/schema.js";
import type { AddressCountry } from "./address.js";

/** The countries the API accepts on input: all of AddressCountry except CU, IR, KP, RU and SY. */
export type AddressInputCountry = Exclude<AddressCountry, "CU" | "IR" | "KP" | "RU" | "SY">;

/** A billing address sent to the API. */
export type AddressInput = {
  line1?: string | null | undefined;
  line2?: string | null | undefined;
  postalCode?: string | null | undefined;
  city?: string | null | undefined;
  state?: string | null | undefined;
  country: AddressInputCountry;
};

// Two letters per code, no separator: the shortest form for the bundle.
const CODES =
  "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQISITJEJMJOJPKEKGKHKIKMKNKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

const text = nullish(string);

/** Validates an AddressInput and converts it to its wire form. */
export const encodeAddressInput: Decoder<unknown> = toWire({
  line1: text,
  line2: text,
  postal_code: text,
  city: text,
  state: text,
  country: oneOf<AddressInputCountry>(CODES.replace(/(..)(?!$)/g, "$1 "), "an ISO 3166-1 alpha-2 country code the API accepts"),
});
