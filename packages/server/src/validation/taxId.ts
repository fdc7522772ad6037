// Tax ID validation: for the billing country, try its formats in
// order; the first validator that accepts wins and its compact form is stored.
// National algorithms come from the `stdnum` package (a port of python-stdnum,
// which Polar uses); Polar's own wrappers are reimplemented below.

import { createRequire } from "node:module";
import type { stdnum as StdnumIndex } from "stdnum";
import { pyStrip } from "./pyText.js";

type Stdnum = typeof StdnumIndex;
const require = createRequire(import.meta.url);
const loadedCountries = new Map<string, Stdnum[keyof Stdnum]>();

/**
 * One country's stdnum modules, loaded on first use: the package's index loads
 * every country (hundreds of files, a large part of the server's startup time),
 * while a request needs at most one or two.
 */
function stdnumCountry<C extends keyof Stdnum>(country: C): Stdnum[C] {
  let modules = loadedCountries.get(country);
  if (modules === undefined) {
    modules = require(`stdnum/lib/cjs/${country.toLowerCase()}/index.js`) as Stdnum[C];
    loadedCountries.set(country, modules);
  }
  return modules as Stdnum[C];
}

/** Returns the compact number when valid, else null. Never throws. */
type FormatValidator = (value: string) => string | null;

type StdnumValidator = { validate(value: string): { isValid: boolean; compact: string } };
const lookUp = (country: string, name: string) =>
  (stdnumCountry(country as keyof Stdnum) as Record<string, StdnumValidator | undefined>)[name];
const namedModules: [country: string, name: string][] = [];

/** The `country.name` modules the validators use that stdnum does not have (for the tests: lazy loading hides them until used). */
export function missingStdnumModules(): string[] {
  return namedModules.filter(([country, name]) => lookUp(country, name) === undefined).map(([country, name]) => `${country}.${name}`);
}

/** A python-stdnum-style module looked up in the `stdnum` package. */
function stdnumModule(country: string, name: string): FormatValidator {
  namedModules.push([country, name]);
  return (value) => {
    const validator = lookUp(country, name);
    if (validator === undefined) throw new Error(`stdnum has no ${country}.${name}`);
    const result = validator.validate(value);
    return result.isValid ? result.compact : null;
  };
}

/** ca_gst_hst: a business number with its 6-character program account (15 compact characters). */
const canadianGstHst: FormatValidator = (value) => {
  const compact = stdnumModule("CA", "bn")(value);
  return compact !== null && compact.length === 15 ? compact : null;
};

/**
 * ec_ruc: Polar forgives a checksum failure for juridical RUCs of the shape
 * below, because real numbers issued by Ecuador's SRI fail the published
 * algorithm. The character range `[0-d]` is reproduced as Polar wrote it.
 */
const EC_RUC_FORGIVEN = /^(0[1-9]|1[0-9]|2[0-4]|30)9[0-d]{7}001$/;
const ecuadorRuc: FormatValidator = (value) => {
  const module = stdnumCountry("EC").ruc;
  const result = module.validate(value);
  // stdnum's validate reports only the 10-digit cédula part for natural-person RUCs; compact() is the whole number.
  if (result.isValid) return module.compact(value);
  if (result.error.name !== "InvalidChecksum") return null;
  const compact = module.compact(value);
  return EC_RUC_FORGIVEN.test(compact) ? compact : null;
};

/**
 * tw_vat: since 2023 Taiwan accepts UBNs whose weighted checksum is divisible
 * by 5 (previously 10); stdnum only knows the old rule, so Polar forgives
 * checksum failures that satisfy the new one.
 */
const TW_UBN_WEIGHTS = [1, 2, 1, 2, 1, 2, 4, 1];
function taiwanChecksum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < TW_UBN_WEIGHTS.length; i++) {
    const product = Number(digits[i]) * TW_UBN_WEIGHTS[i];
    sum += Math.floor(product / 10) + (product % 10);
  }
  return sum;
}
const taiwanUbn: FormatValidator = (value) => {
  const module = stdnumCountry("TW").ubn;
  const result = module.validate(value);
  if (result.isValid) return result.compact;
  if (result.error.name !== "InvalidChecksum") return null;
  const compact = module.compact(value);
  const checksum = taiwanChecksum(compact);
  const divisibleByFive = checksum % 5 === 0 || (compact[6] === "7" && (checksum + 1) % 5 === 0);
  return divisibleByFive ? compact : null;
};

/** Polar's regex-only formats: remove the listed separators, then match the digits. */
function digitsOnly(separators: RegExp, shape: RegExp, dropPrefix?: RegExp): FormatValidator {
  return (value) => {
    let compact = value.replace(separators, "");
    if (dropPrefix) compact = compact.replace(dropPrefix, "");
    return shape.test(compact) ? compact : null;
  };
}
const uaeTrn = digitsOnly(/[ .-]/g, /^[0-9]{15}$/);
const georgianVat = digitsOnly(/[ .-]/g, /^(?:[0-9]{9}|[0-9]{11})$/, /^GE/i);
const hongKongBr = digitsOnly(/[\s.()-]/gu, /^[0-9]{8}$/);
const mauritiusTan = digitsOnly(/[ .-]/g, /^[23][0-9]{7}$/);

/** National VAT algorithm per EU VAT prefix (python-stdnum's eu.vat dispatch). */
const EU_NATIONAL_VAT: Readonly<Record<string, FormatValidator>> = {
  AT: stdnumModule("AT", "uid"),
  BE: stdnumModule("BE", "vat"),
  BG: stdnumModule("BG", "vat"),
  CY: stdnumModule("CY", "vat"),
  CZ: stdnumModule("CZ", "dic"),
  DE: stdnumModule("DE", "vat"),
  DK: stdnumModule("DK", "cvr"),
  EE: stdnumModule("EE", "kmkr"),
  EL: stdnumModule("GR", "vat"), // Greece uses EL in VAT numbers
  ES: stdnumModule("ES", "nif"),
  FI: stdnumModule("FI", "alv"),
  FR: stdnumModule("FR", "tva"),
  HR: stdnumModule("HR", "oib"),
  HU: stdnumModule("HU", "anum"),
  IE: stdnumModule("IE", "vat"),
  IT: stdnumModule("IT", "iva"),
  LT: stdnumModule("LT", "pvm"),
  LU: stdnumModule("LU", "tva"),
  LV: stdnumModule("LV", "pvn"),
  MT: stdnumModule("MT", "vat"),
  NL: stdnumModule("NL", "btw"),
  PL: stdnumModule("PL", "nip"),
  PT: stdnumModule("PT", "nif"),
  RO: stdnumModule("RO", "cif"),
  SE: stdnumModule("SE", "vat"),
  SI: stdnumModule("SI", "ddv"),
  SK: stdnumModule("SK", "dph"),
  XI: stdnumModule("GB", "vat"), // Northern Ireland keeps EU VAT status for goods
};

/** ISO numeric codes of the member states an OSS number may name (python-stdnum eu.oss). */
const OSS_MEMBER_STATES = new Set(
  "040 056 100 191 196 203 208 233 246 250 276 300 348 372 380 428 440 442 470 528 616 620 642 703 705 724 752 900".split(" "),
);

/** One Stop Shop numbers: EU + 9 digits (non-union scheme) or IM + 10 digits (import scheme). */
function validateOss(number: string): string | null {
  const compact = number.replace(/[ -]/g, "");
  const expectedLength = compact.startsWith("EU") ? 11 : 12;
  if (compact.length !== expectedLength || !/^[0-9]+$/.test(compact.slice(2))) return null;
  return OSS_MEMBER_STATES.has(compact.slice(2, 5)) ? compact : null;
}

/**
 * eu_vat: the 2-letter prefix, not the billing country, selects the national
 * algorithm; the stored value keeps the upper-case prefix.
 */
const euVat: FormatValidator = (value) => {
  const number = pyStrip(value.toUpperCase());
  const prefix = number.slice(0, 2);
  if (prefix === "EU" || prefix === "IM") return validateOss(number);
  const national = EU_NATIONAL_VAT[prefix];
  if (national === undefined) return null;
  const compact = national(number.slice(2));
  if (compact === null) return null;
  return compact.startsWith(prefix) ? compact : prefix + compact;
};

/**
 * Every format with a validator. Formats the spec lists as never validating
 * (au_arn, bh_vat, cn_tin, …) are absent and therefore skipped.
 */
const FORMAT_VALIDATORS: Readonly<Record<string, FormatValidator>> = {
  ad_nrt: stdnumModule("AD", "nrt"),
  ae_trn: uaeTrn,
  ar_cuit: stdnumModule("AR", "cuit"),
  au_abn: stdnumModule("AU", "abn"),
  br_cnpj: stdnumModule("BR", "cnpj"),
  br_cpf: stdnumModule("BR", "cpf"),
  ca_gst_hst: canadianGstHst,
  ca_bn: stdnumModule("CA", "bn"),
  ch_uid: stdnumModule("CH", "uid"),
  ch_vat: stdnumModule("CH", "vat"),
  cl_tin: stdnumModule("CL", "rut"),
  co_nit: stdnumModule("CO", "nit"),
  cr_tin: stdnumModule("CR", "cpj"),
  ec_ruc: ecuadorRuc,
  eu_vat: euVat,
  gb_vat: stdnumModule("GB", "vat"),
  ge_vat: georgianVat,
  hk_br: hongKongBr,
  id_npwp: stdnumModule("ID", "npwp"),
  il_vat: stdnumModule("IL", "idnr"),
  in_gst: stdnumModule("IN", "gstin"),
  is_vat: stdnumModule("IS", "vsk"),
  jp_cn: stdnumModule("JP", "cn"),
  ke_pin: stdnumModule("KE", "pin"),
  kr_brn: stdnumModule("KR", "brn"),
  mk_vat: stdnumModule("MK", "edb"),
  mu_tan: mauritiusTan,
  mx_rfc: stdnumModule("MX", "rfc"),
  no_vat: stdnumModule("NO", "mva"),
  pe_ruc: stdnumModule("PE", "ruc"),
  rs_pib: stdnumModule("RS", "pib"),
  ru_inn: stdnumModule("RU", "inn"),
  sg_uen: stdnumModule("SG", "uen"),
  sv_nit: stdnumModule("SV", "nit"),
  th_vat: stdnumModule("TH", "moa"),
  tr_tin: stdnumModule("TR", "vkn"),
  tw_vat: taiwanUbn,
  us_ein: stdnumModule("US", "ein"),
  uy_ruc: stdnumModule("UY", "rut"),
  ve_rif: stdnumModule("VE", "rif"),
  vn_tin: stdnumModule("VN", "mst"),
};

const EU_COUNTRIES = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(" ");

/** Every format a stored tax id can have: Polar's `TaxIDFormat` enum, in its order. */
export const TAX_ID_FORMATS = [
  "ad_nrt",
  "ae_trn",
  "ar_cuit",
  "au_abn",
  "au_arn",
  "bg_uic",
  "bh_vat",
  "bo_tin",
  "br_cnpj",
  "br_cpf",
  "ca_bn",
  "ca_gst_hst",
  "ca_pst_bc",
  "ca_pst_mb",
  "ca_pst_sk",
  "ca_qst",
  "ch_uid",
  "ch_vat",
  "cl_tin",
  "cn_tin",
  "co_nit",
  "cr_tin",
  "de_stn",
  "do_rcn",
  "ec_ruc",
  "eg_tin",
  "es_cif",
  "eu_oss_vat",
  "eu_vat",
  "gb_vat",
  "ge_vat",
  "hk_br",
  "hr_oib",
  "hu_tin",
  "id_npwp",
  "il_vat",
  "in_gst",
  "is_vat",
  "jp_cn",
  "jp_rn",
  "jp_trn",
  "ke_pin",
  "kr_brn",
  "kz_bin",
  "li_uid",
  "mk_vat",
  "mx_rfc",
  "my_frp",
  "my_itn",
  "my_sst",
  "ng_tin",
  "no_vat",
  "no_voec",
  "nz_gst",
  "om_vat",
  "pe_ruc",
  "ph_tin",
  "ro_tin",
  "rs_pib",
  "ru_inn",
  "ru_kpp",
  "sa_vat",
  "sg_gst",
  "sg_uen",
  "si_tin",
  "sv_nit",
  "th_vat",
  "tr_tin",
  "tw_vat",
  "ua_vat",
  "us_ein",
  "uy_ruc",
  "ve_rif",
  "vn_tin",
  "za_vat",
  "mu_tan",
] as const;

export type TaxIdFormat = (typeof TAX_ID_FORMATS)[number];

/** Billing country → formats in the order Polar tries them. */
export const COUNTRY_TAX_ID_FORMATS: Readonly<Record<string, readonly TaxIdFormat[]>> = {
  AD: ["ad_nrt"],
  AE: ["ae_trn"],
  AR: ["ar_cuit"],
  AU: ["au_abn", "au_arn"],
  BH: ["bh_vat"],
  BO: ["bo_tin"],
  BR: ["br_cnpj", "br_cpf"],
  CA: ["ca_gst_hst", "ca_pst_bc", "ca_pst_mb", "ca_pst_sk", "ca_qst", "ca_bn"],
  CH: ["ch_uid", "ch_vat"],
  CL: ["cl_tin"],
  CN: ["cn_tin"],
  CO: ["co_nit"],
  CR: ["cr_tin"],
  DO: ["do_rcn"],
  EC: ["ec_ruc"],
  EG: ["eg_tin"],
  GB: ["gb_vat"],
  GE: ["ge_vat"],
  HK: ["hk_br"],
  ID: ["id_npwp"],
  IL: ["il_vat"],
  IN: ["in_gst"],
  IS: ["is_vat"],
  JP: ["jp_cn", "jp_rn", "jp_trn"],
  KE: ["ke_pin"],
  KR: ["kr_brn"],
  KZ: ["kz_bin"],
  LI: ["li_uid"],
  MK: ["mk_vat"],
  MU: ["mu_tan"],
  MX: ["mx_rfc"],
  MY: ["my_frp", "my_itn", "my_sst"],
  NG: ["ng_tin"],
  NO: ["no_vat", "no_voec"],
  NZ: ["nz_gst"],
  OM: ["om_vat"],
  PE: ["pe_ruc"],
  PH: ["ph_tin"],
  RS: ["rs_pib"],
  RU: ["ru_inn", "ru_kpp"],
  SA: ["sa_vat"],
  SG: ["sg_gst", "sg_uen"],
  SV: ["sv_nit"],
  TH: ["th_vat"],
  TR: ["tr_tin"],
  TW: ["tw_vat"],
  UA: ["ua_vat"],
  US: ["us_ein"],
  UY: ["uy_ruc"],
  VE: ["ve_rif"],
  VN: ["vn_tin"],
  ZA: ["za_vat"],
  ...Object.fromEntries(EU_COUNTRIES.map((country) => [country, ["eu_vat"]])),
};

/**
 * Validates `value` for the billing `country`; returns `[compactValue, format]`
 * or null when no format of that country accepts it (or the country has none).
 */
export function validateTaxId(value: string, country: string): [string, string] | null {
  const formats = Object.hasOwn(COUNTRY_TAX_ID_FORMATS, country) ? COUNTRY_TAX_ID_FORMATS[country] : [];
  for (const format of formats) {
    const validator = FORMAT_VALIDATORS[format];
    if (validator === undefined) continue;
    const compact = safely(validator, value);
    if (compact !== null) return [compact, format];
  }
  return null;
}

/** A validator bug or odd input must read as "invalid", never as a 500. */
function safely(validator: FormatValidator, value: string): string | null {
  try {
    return validator(value);
  } catch {
    return null;
  }
}
