// Locates the first syntax error in a JSON text the way Python's json module
// (C scanner) reports it, because Polar answers malformed bodies with
// `{"type":"json_invalid","loc":["body",<pos>],"ctx":{"error":<msg>}}`.
// Only called after parsing failed; one linear pass without recursion, so
// neither a huge nor a deeply nested body can stall or overflow it.
// Deliberate deviation: Python also accepts NaN/Infinity; we do not.

export interface JsonSyntaxError {
  /** Offset in code points, as Python counts string indices. */
  position: number;
  message: string;
}

class Failure {
  constructor(
    readonly index: number,
    readonly message: string,
  ) {}
}

const isWhitespace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
/** The characters allowed after a backslash, other than `u`: " \ / b f n r t. */
const SIMPLE_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]);

// What the scanner expects next. It keeps the open arrays/objects on an explicit stack instead of
// recursing, so no nesting depth can overflow the call stack.
const VALUE = 0;
const KEY = 1;
const AFTER_VALUE = 2;
const ARRAY = 0;
const OBJECT = 1;

/** The scan as a resumable job: `advance` it slice by slice until `done`, then read `result`. */
export class JsonSyntaxLocator {
  private i: number;
  private state = VALUE;
  private readonly open: number[] = [];
  private found: JsonSyntaxError | null | undefined = undefined;
  private failure: Failure | undefined = undefined;
  /** Code points before `counted` (a UTF-16 index), once the failure is known. */
  private codePoints = 0;
  private counted = 0;

  constructor(private readonly s: string) {
    this.i = this.skip(0);
  }

  get done(): boolean {
    return this.found !== undefined;
  }

  /** The first syntax error, or null for valid JSON; only meaningful once `done`. */
  get result(): JsonSyntaxError | null {
    return this.found ?? null;
  }

  /** Scans at least `chars` more characters (or to the end); returns true when done. */
  advance(chars: number): boolean {
    if (this.found !== undefined) return true;
    if (this.failure === undefined) {
      try {
        this.scan(this.i + chars);
        return this.found !== undefined;
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        this.failure = error;
        return false;
      }
    }
    // Then the error's offset in code points, also slice by slice.
    const { index, message } = this.failure;
    const end = Math.min(index, this.s.length, this.counted + chars);
    for (let i = this.counted; i < end; i++) if (!isLowSurrogate(this.s.charCodeAt(i))) this.codePoints++;
    this.counted = end;
    if (end === Math.min(index, this.s.length)) this.found = { position: this.codePoints + Math.max(0, index - this.s.length), message };
    return this.found !== undefined;
  }

  private scan(stopAt: number): void {
    const s = this.s;
    const n = s.length;
    const open = this.open;
    let state = this.state;
    let i = this.i;
    while (i < stopAt) {
      if (state === VALUE) {
        const c = s.charCodeAt(i);
        state = AFTER_VALUE;
        if (c === 34) i = this.string(i);
        else if (c === 123 /* { */ || c === 91 /* [ */) {
          i = this.skip(i + 1);
          if (s.charCodeAt(i) === (c === 123 ? 125 : 93)) i++;
          else {
            open.push(c === 123 ? OBJECT : ARRAY);
            state = c === 123 ? KEY : VALUE;
          }
        } else if (c === 110 && s.startsWith("null", i)) i += 4;
        else if (c === 116 && s.startsWith("true", i)) i += 4;
        else if (c === 102 && s.startsWith("false", i)) i += 5;
        else {
          const end = this.number(i);
          if (end < 0) throw new Failure(i, "Expecting value");
          i = end;
        }
      } else if (state === KEY) {
        if (s.charCodeAt(i) !== 34) throw new Failure(i, "Expecting property name enclosed in double quotes");
        i = this.skip(this.string(i));
        if (s.charCodeAt(i) !== 58 /* : */) throw new Failure(i, "Expecting ':' delimiter");
        i = this.skip(i + 1);
        state = VALUE;
      } else {
        i = this.skip(i);
        if (open.length === 0) {
          if (i !== n) throw new Failure(i, "Extra data");
          this.found = null;
          return;
        }
        const inObject = open[open.length - 1] === OBJECT;
        const c = s.charCodeAt(i);
        if (c === (inObject ? 125 : 93)) {
          open.pop();
          i++;
        } else if (c === 44 /* , */) {
          const comma = i;
          i = this.skip(i + 1);
          if (s.charCodeAt(i) === (inObject ? 125 : 93)) {
            throw new Failure(comma, `Illegal trailing comma before end of ${inObject ? "object" : "array"}`);
          }
          state = inObject ? KEY : VALUE;
        } else {
          throw new Failure(i, "Expecting ',' delimiter");
        }
      }
    }
    this.i = i;
    this.state = state;
  }

  private skip(i: number): number {
    const s = this.s;
    const n = s.length;
    while (i < n && isWhitespace(s.charCodeAt(i))) i++;
    return i;
  }

  /** The end of the number starting at `start`, or -1 when none starts there (Python's number regex). */
  private number(start: number): number {
    const s = this.s;
    let i = start;
    if (s.charCodeAt(i) === 45 /* - */) i++;
    const first = s.charCodeAt(i);
    if (first >= 49 && first <= 57) while (isDigit(s.charCodeAt(++i)));
    else if (first === 48) i++;
    else return -1;
    if (s.charCodeAt(i) === 46 /* . */ && isDigit(s.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(s.charCodeAt(i))) i++;
    }
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const sign = s.charCodeAt(j);
      if (sign === 43 || sign === 45) j++;
      if (isDigit(s.charCodeAt(j))) {
        while (isDigit(s.charCodeAt(++j)));
        i = j;
      }
    }
    return i;
  }

  /** The index after the string whose opening quote is at `begin`. */
  private string(begin: number): number {
    const s = this.s;
    const n = s.length;
    let i = begin + 1;
    for (;;) {
      if (i >= n) throw new Failure(begin, "Unterminated string starting at");
      const c = s.charCodeAt(i);
      if (c === 34) return i + 1;
      if (c <= 0x1f) throw new Failure(i, "Invalid control character at");
      if (c !== 92) {
        i++;
        continue;
      }
      if (i + 1 >= n) throw new Failure(begin, "Unterminated string starting at");
      const escape = s.charCodeAt(i + 1);
      if (escape !== 117 /* u */) {
        if (!SIMPLE_ESCAPES.has(escape)) throw new Failure(i, "Invalid \\escape");
        i += 2;
        continue;
      }
      // CPython reports these at the `u`, and also when nothing follows the four digits.
      if (i + 6 >= n) throw new Failure(i + 1, "Invalid \\uXXXX escape");
      for (let k = 2; k < 6; k++) if (!isHex(s.charCodeAt(i + k))) throw new Failure(i + 1, "Invalid \\uXXXX escape");
      i += 6;
    }
  }
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const locator = new JsonSyntaxLocator(text);
  while (!locator.advance(Infinity));
  return locator.result;
}

/** The second half of a surrogate pair: not a code point of its own, as Python counts. */
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
