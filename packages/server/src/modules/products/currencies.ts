// Presentment currencies and the amount bounds Polar enforces per currency
// (amounts are in the currency's minor unit).

export const PRESENTMENT_CURRENCIES = [
  "aed",
  "all",
  "amd",
  "aoa",
  "ars",
  "aud",
  "awg",
  "azn",
  "bam",
  "bbd",
  "bdt",
  "bif",
  "bmd",
  "bnd",
  "bob",
  "brl",
  "bsd",
  "bwp",
  "bzd",
  "cad",
  "cdf",
  "chf",
  "clp",
  "cny",
  "cop",
  "crc",
  "cve",
  "czk",
  "djf",
  "dkk",
  "dop",
  "dzd",
  "egp",
  "etb",
  "eur",
  "fjd",
  "fkp",
  "gbp",
  "gel",
  "gip",
  "gmd",
  "gnf",
  "gtq",
  "gyd",
  "hkd",
  "hnl",
  "htg",
  "huf",
  "idr",
  "ils",
  "inr",
  "isk",
  "jmd",
  "jpy",
  "kes",
  "kgs",
  "khr",
  "kmf",
  "krw",
  "kyd",
  "kzt",
  "lak",
  "lkr",
  "lrd",
  "lsl",
  "mad",
  "mdl",
  "mga",
  "mkd",
  "mnt",
  "mop",
  "mur",
  "mvr",
  "mwk",
  "mxn",
  "myr",
  "mzn",
  "nad",
  "ngn",
  "nio",
  "nok",
  "npr",
  "nzd",
  "pab",
  "pen",
  "pgk",
  "php",
  "pkr",
  "pln",
  "pyg",
  "qar",
  "ron",
  "rsd",
  "rwf",
  "sar",
  "sbd",
  "scr",
  "sek",
  "sgd",
  "shp",
  "sos",
  "srd",
  "szl",
  "thb",
  "tjs",
  "top",
  "try",
  "ttd",
  "twd",
  "tzs",
  "uah",
  "ugx",
  "usd",
  "uyu",
  "uzs",
  "vnd",
  "vuv",
  "wst",
  "xaf",
  "xcd",
  "xcg",
  "xof",
  "xpf",
  "yer",
  "zar",
  "zmw",
] as const;

/** Minimum non-free amounts we know for certain; other currencies use the default. */
const MINIMUMS: Record<string, number> = { usd: 50, eur: 50, gbp: 40, jpy: 80 };
const DEFAULT_MINIMUM = 50;
const MAXIMUM = 99_999_999;

const formatter = new Map<string, Intl.NumberFormat>();

/** `$0.50`, `€0.50`, `¥80`: the amount in major units with the currency's symbol. */
export function formatAmount(minorUnits: number, currency: string): string {
  const code = currency.toUpperCase();
  let format = formatter.get(code);
  if (format === undefined) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency: code });
    formatter.set(code, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

/** Why an amount is out of bounds (0 always allowed: free), or undefined. */
export function amountProblem(amount: number, currency: string): { type: string; msg: string } | undefined {
  const minimum = MINIMUMS[currency] ?? DEFAULT_MINIMUM;
  if (amount !== 0 && amount < minimum)
    return { type: "minimum_price", msg: `Amount must be at least ${formatAmount(minimum, currency)} or 0 for free pricing` };
  if (amount > MAXIMUM) return { type: "maximum_price", msg: `Amount must be at most ${formatAmount(MAXIMUM, currency)}` };
  return undefined;
}
