// Country and subdivision lists of the Customers API. The order is
// the contract's: enum error messages list the codes in exactly this order.

const OUTPUT_COUNTRY_TEXT = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH
BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE
DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT
GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA
SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`;

/** Every ISO 3166-1 alpha-2 code an Address may carry on output (249). */
export const OUTPUT_COUNTRIES: readonly string[] = Object.freeze(OUTPUT_COUNTRY_TEXT.trim().split(/\s+/));

/** Sanctioned countries Polar refuses as billing country input. */
const SANCTIONED = new Set(["CU", "IR", "KP", "RU", "SY"]);

/** Codes accepted in AddressInput.country (244). */
export const INPUT_COUNTRIES: readonly string[] = Object.freeze(OUTPUT_COUNTRIES.filter((code) => !SANCTIONED.has(code)));

export const US_STATES: readonly string[] = Object.freeze(
  (
    "US-AL US-AK US-AZ US-AR US-CA US-CO US-CT US-DE US-FL US-GA US-HI US-ID US-IL US-IN US-IA US-KS US-KY US-LA " +
    "US-ME US-MD US-MA US-MI US-MN US-MS US-MO US-MT US-NE US-NV US-NH US-NJ US-NM US-NY US-NC US-ND US-OH US-OK " +
    "US-OR US-PA US-RI US-SC US-SD US-TN US-TX US-UT US-VT US-VA US-WA US-WV US-WI US-WY US-DC"
  ).split(" "),
);

export const CA_PROVINCES: readonly string[] = Object.freeze(
  "CA-AB CA-BC CA-MB CA-NB CA-NL CA-NS CA-NT CA-NU CA-ON CA-PE CA-QC CA-SK CA-YT".split(" "),
);
