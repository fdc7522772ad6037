// A JSON parser that accepts exactly what JSON.parse accepts and builds the
// same values, with three differences the server needs:
// - a number written as a float (`1.0`, `2e3`) is handed to `makeFloat`, so
//   Python's int/float distinction survives (see floats.ts);
// - nesting deeper than MAX_JSON_DEPTH, or an object with more than
//   MAX_JSON_OBJECT_MEMBERS members, is refused (JsonLimitExceeded);
// - it can stop after a slice of the text and resume later, so a 10 MiB body
//   is parsed in pieces between which other requests get the event loop.
// It works with an explicit stack, never recursion: no input can overflow the
// call stack. One pass, linear in the text.

/**
 * Deepest nesting of arrays/objects accepted. Python's json decoder, which Polar uses, recurses per
 * level and gives up (RecursionError) around a thousand levels; no customer body needs more than three.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Most members one object may have. V8 keeps an object with many keys as a hash table that it walks
 * in full whenever its keys are listed (Object.keys, for…in, JSON.stringify): with a million keys
 * each such walk blocks for most of a second. Metadata allows 50 keys; nothing in a customer body
 * needs more than a handful. Arrays have no such cost and no such limit.
 */
export const MAX_JSON_OBJECT_MEMBERS = 10_000;

/** A text beyond MAX_JSON_DEPTH or MAX_JSON_OBJECT_MEMBERS. */
export class JsonLimitExceeded extends Error {
  constructor(limit: string) {
    super(`JSON exceeds the ${limit} limit`);
    this.name = "JsonLimitExceeded";
  }
}

/** Runs a resumable job slice after slice, giving the event loop back in between, until it reports done. */
export async function inSlices(advance: (chars: number) => boolean, sliceChars: number): Promise<void> {
  while (!advance(sliceChars)) await new Promise<void>((resolve) => setImmediate(resolve));
}

const fail = (index: number): never => {
  throw new SyntaxError(`Invalid JSON at position ${index}`);
};

type Container = unknown[] | Record<string, unknown>;

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Characters a string holds without escapes; sticky, so `test` only moves `lastIndex` past them. */
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

const isWhitespace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class JsonParser {
  private index = 0;
  /** The innermost open array/object, undefined at the top level. */
  private container: Container | undefined = undefined;
  /** The key the next value goes under in `container`; undefined when `container` is an array. */
  private key: string | undefined = undefined;
  /** How many members `container` has so far, when it is an object. */
  private members = 0;
  /** The enclosing containers, their pending keys and member counts, outermost first. */
  private readonly parents: (Container | undefined)[] = [];
  private readonly parentKeys: (string | undefined)[] = [];
  private readonly parentMembers: number[] = [];
  private result: unknown = undefined;
  private finished = false;

  constructor(
    private readonly text: string,
    private readonly makeFloat: (value: number) => unknown,
  ) {}

  /** Parses the whole text at once. Throws SyntaxError or JsonLimitExceeded. */
  static parse(text: string, makeFloat: (value: number) => unknown): unknown {
    const parser = new JsonParser(text, makeFloat);
    parser.advance(Infinity);
    return parser.value;
  }

  get done(): boolean {
    return this.finished;
  }

  /** The parsed value; only meaningful once `done`. */
  get value(): unknown {
    return this.result;
  }

  /**
   * Parses at least `chars` more characters (or to the end), stopping where a value is due next.
   * Returns true when the whole text is parsed. Throws SyntaxError or JsonLimitExceeded.
   */
  advance(chars: number): boolean {
    if (this.finished) return true;
    const s = this.text;
    const n = s.length;
    const parents = this.parents;
    const parentKeys = this.parentKeys;
    const parentMembers = this.parentMembers;
    const stopAt = this.index + chars;
    let i = this.index;
    let container = this.container;
    let key = this.key;
    let members = this.members;
    let value: unknown;

    // Each turn of this loop reads one value (or opens a container) at `i`; the inner loop then
    // attaches finished values to their container and consumes `,`, `:` and closing brackets.
    for (;;) {
      let c = s.charCodeAt(i);
      while (isWhitespace(c)) c = s.charCodeAt(++i);
      if (c === 34 /* " */) {
        value = this.readString(i + 1);
        i = this.index;
      } else if (c === 91 /* [ */ || c === 123 /* { */) {
        if (parents.length >= MAX_JSON_DEPTH) throw new JsonLimitExceeded(`depth (${MAX_JSON_DEPTH})`);
        parents.push(container);
        parentKeys.push(key);
        parentMembers.push(members);
        members = 1;
        let d = s.charCodeAt(++i);
        while (isWhitespace(d)) d = s.charCodeAt(++i);
        if (c === 91) {
          container = [];
          key = undefined;
          if (d !== 93 /* ] */) continue;
        } else {
          container = {};
          if (d !== 125 /* } */) {
            if (d !== 34) return fail(i);
            key = this.readKey(i + 1);
            i = this.index;
            continue;
          }
        }
        // An empty container: closed right away.
        i++;
        value = container;
        container = parents.pop();
        key = parentKeys.pop();
        members = parentMembers.pop()!;
      } else if ((c >= 48 && c <= 57) || c === 45 /* - */) {
        value = this.readNumber(i);
        i = this.index;
      } else if (c === 116 /* t */ && s.startsWith("true", i)) {
        value = true;
        i += 4;
      } else if (c === 102 /* f */ && s.startsWith("false", i)) {
        value = false;
        i += 5;
      } else if (c === 110 /* n */ && s.startsWith("null", i)) {
        value = null;
        i += 4;
      } else {
        return fail(i);
      }

      for (;;) {
        if (container === undefined) {
          c = s.charCodeAt(i);
          while (isWhitespace(c)) c = s.charCodeAt(++i);
          if (i < n) return fail(i);
          this.result = value;
          this.finished = true;
          return true;
        }
        if (key === undefined) (container as unknown[]).push(value);
        else if (key === "__proto__")
          Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
        else (container as Record<string, unknown>)[key] = value;
        c = s.charCodeAt(i);
        while (isWhitespace(c)) c = s.charCodeAt(++i);
        if (c === 44 /* , */) {
          i++;
          if (key !== undefined) {
            c = s.charCodeAt(i);
            while (isWhitespace(c)) c = s.charCodeAt(++i);
            if (c !== 34) return fail(i);
            if (++members > MAX_JSON_OBJECT_MEMBERS) throw new JsonLimitExceeded(`object size (${MAX_JSON_OBJECT_MEMBERS} members)`);
            key = this.readKey(i + 1);
            i = this.index;
          }
          break;
        }
        if (c !== (key === undefined ? 93 /* ] */ : 125) /* } */) return fail(i);
        i++;
        value = container;
        container = parents.pop();
        key = parentKeys.pop();
        members = parentMembers.pop()!;
      }
      if (i >= stopAt) break;
    }
    this.index = i;
    this.container = container;
    this.key = key;
    this.members = members;
    return false;
  }

  /** Reads `"key" :` whose opening quote is just before `start`; leaves `index` after the colon. */
  private readKey(start: number): string {
    const key = this.readString(start);
    const s = this.text;
    let i = this.index;
    let c = s.charCodeAt(i);
    while (isWhitespace(c)) c = s.charCodeAt(++i);
    if (c !== 58 /* : */) return fail(i);
    this.index = i + 1;
    return key;
  }

  /** Reads the string whose opening quote is just before `start`; leaves `index` after the closing quote. */
  private readString(start: number): string {
    const s = this.text;
    const n = s.length;
    let i = start;
    for (;;) {
      if (i >= n) return fail(i);
      const c = s.charCodeAt(i);
      if (c === 34 /* " */) {
        this.index = i + 1;
        return s.slice(start, i);
      }
      if (c === 92 /* \ */ || c < 32) break;
      // A long string: the regex engine skips plain characters several times faster than this loop.
      if (++i - start === 32) {
        PLAIN_RUN.lastIndex = i;
        PLAIN_RUN.test(s);
        i = PLAIN_RUN.lastIndex;
      }
    }
    // Escapes: collect the text in pieces.
    let out = s.slice(start, i);
    for (;;) {
      if (i >= n) return fail(i);
      const c = s.charCodeAt(i);
      if (c === 34) {
        this.index = i + 1;
        return out;
      }
      if (c < 32) return fail(i);
      if (c !== 92) {
        const from = i;
        while (i < n) {
          const d = s.charCodeAt(i);
          if (d === 34 || d === 92 || d < 32) break;
          i++;
        }
        out += s.slice(from, i);
        continue;
      }
      const e = s.charCodeAt(i + 1);
      i += 2;
      switch (e) {
        case 34:
          out += '"';
          break;
        case 92:
          out += "\\";
          break;
        case 47:
          out += "/";
          break;
        case 98:
          out += "\b";
          break;
        case 102:
          out += "\f";
          break;
        case 110:
          out += "\n";
          break;
        case 114:
          out += "\r";
          break;
        case 116:
          out += "\t";
          break;
        case 117: {
          let code = 0;
          for (let k = 0; k < 4; k++) {
            const h = s.charCodeAt(i + k);
            const digit = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
            if (digit < 0) return fail(i + k);
            code = code * 16 + digit;
          }
          i += 4;
          out += String.fromCharCode(code); // a lone surrogate stays one, as in JSON.parse; validation refuses it
          break;
        }
        default:
          return fail(i - 1);
      }
    }
  }

  /** Reads the number starting at `start`; leaves `index` after it. */
  private readNumber(start: number): unknown {
    const s = this.text;
    let i = start;
    let c = s.charCodeAt(i);
    const negative = c === 45;
    if (negative) c = s.charCodeAt(++i);
    // The significant digits as an integer (exact while there are at most 15 of them) and the
    // power of ten that scales it: `12.5e1` is 125 × 10^0.
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    if (c === 48) {
      c = s.charCodeAt(++i);
    } else if (c >= 49 && c <= 57) {
      do {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        c = s.charCodeAt(++i);
      } while (c >= 48 && c <= 57);
    } else {
      return fail(i);
    }
    let float = false;
    if (c === 46 /* . */) {
      c = s.charCodeAt(++i);
      if (!(c >= 48 && c <= 57)) return fail(i);
      do {
        if (mantissa !== 0 || c !== 48) digits++; // leading zeros of `0.001` are not significant
        mantissa = mantissa * 10 + (c - 48);
        scale--;
        c = s.charCodeAt(++i);
      } while (c >= 48 && c <= 57);
      float = true;
    }
    if (c === 101 || c === 69 /* e E */) {
      c = s.charCodeAt(++i);
      const negativeExponent = c === 45;
      if (c === 43 || c === 45) c = s.charCodeAt(++i);
      if (!(c >= 48 && c <= 57)) return fail(i);
      let exponent = 0;
      do {
        if (exponent < 100_000) exponent = exponent * 10 + (c - 48);
        c = s.charCodeAt(++i);
      } while (c >= 48 && c <= 57);
      scale += negativeExponent ? -exponent : exponent;
      float = true;
    }
    this.index = i;
    let value: number;
    if (digits <= 15 && scale >= -22 && scale <= 22) {
      // Both operands are exact doubles, so one IEEE operation rounds correctly (Clinger's fast
      // path): the same double JSON.parse produces.
      value = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
      if (negative) value = -value;
    } else {
      value = Number(s.slice(start, i));
    }
    return float ? this.makeFloat(value) : value;
  }
}
