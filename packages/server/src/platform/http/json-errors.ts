// Locates the first syntax error in a JSON text the way Python's json module
// (C scanner) reports it, because Polar answers malformed bodies with
// `{"type":"json_invalid","loc":["body",<pos>],"ctx":{"error":<msg>}}`.
// Only called after JSON.parse failed, so speed does not matter here.
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

const isWhitespace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX = /^[0-9a-fA-F]{4}$/;

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const s = text;
  const skip = (i: number) => {
    while (i < s.length && isWhitespace(s[i])) i++;
    return i;
  };
  /** Returns the index after the value, or throws Failure; `null` means "no value starts here". */
  const value = (i: number): number | null => {
    const c = s[i];
    if (c === '"') return string(i + 1);
    if (c === "{") return object(i + 1);
    if (c === "[") return array(i + 1);
    if (c === "n" && s.startsWith("null", i)) return i + 4;
    if (c === "t" && s.startsWith("true", i)) return i + 4;
    if (c === "f" && s.startsWith("false", i)) return i + 5;
    return number(i);
  };
  const expectValue = (i: number): number => {
    const end = value(i);
    if (end === null) throw new Failure(i, "Expecting value");
    return end;
  };
  const number = (start: number): number | null => {
    let i = start;
    if (s[i] === "-") i++;
    if (s[i] >= "1" && s[i] <= "9") while (isDigit(s[++i]));
    else if (s[i] === "0") i++;
    else return null;
    if (s[i] === "." && isDigit(s[i + 1])) {
      i += 2;
      while (isDigit(s[i])) i++;
    }
    if (s[i] === "e" || s[i] === "E") {
      const exponentStart = i++;
      if (s[i] === "+" || s[i] === "-") i++;
      if (isDigit(s[i])) while (isDigit(s[++i]));
      else i = exponentStart;
    }
    return i;
  };
  const string = (start: number): number => {
    const begin = start - 1;
    let i = start;
    for (;;) {
      while (i < s.length && s[i] !== '"' && s[i] !== "\\") {
        if (s.charCodeAt(i) <= 0x1f) throw new Failure(i, "Invalid control character at");
        i++;
      }
      if (i >= s.length) throw new Failure(begin, "Unterminated string starting at");
      if (s[i] === '"') return i + 1;
      i++;
      if (i >= s.length) throw new Failure(begin, "Unterminated string starting at");
      if (s[i] !== "u") {
        if (!ESCAPES.has(s[i])) throw new Failure(i - 1, "Invalid \\escape");
        i++;
        continue;
      }
      if (i + 5 > s.length || !HEX.test(s.slice(i + 1, i + 5))) throw new Failure(i - 1, "Invalid \\uXXXX escape");
      i += 5;
    }
  };
  const object = (start: number): number => {
    let i = skip(start);
    if (s[i] === "}") return i + 1;
    for (;;) {
      if (s[i] !== '"') throw new Failure(i, "Expecting property name enclosed in double quotes");
      i = skip(string(i + 1));
      if (s[i] !== ":") throw new Failure(i, "Expecting ':' delimiter");
      i = skip(expectValue(skip(i + 1)));
      if (s[i] === "}") return i + 1;
      if (s[i] !== ",") throw new Failure(i, "Expecting ',' delimiter");
      const comma = i;
      i = skip(i + 1);
      if (s[i] === "}") throw new Failure(comma, "Illegal trailing comma before end of object");
    }
  };
  const array = (start: number): number => {
    let i = skip(start);
    if (s[i] === "]") return i + 1;
    for (;;) {
      i = skip(expectValue(i));
      if (s[i] === "]") return i + 1;
      if (s[i] !== ",") throw new Failure(i, "Expecting ',' delimiter");
      const comma = i;
      i = skip(i + 1);
      if (s[i] === "]") throw new Failure(comma, "Illegal trailing comma before end of array");
    }
  };
  try {
    const end = skip(expectValue(skip(0)));
    if (end !== s.length) throw new Failure(end, "Extra data");
    return null;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return { position: codePointOffset(s, error.index), message: error.message };
  }
}

function codePointOffset(s: string, index: number): number {
  let n = 0;
  for (let i = 0; i < index && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n + Math.max(0, index - s.length);
}
