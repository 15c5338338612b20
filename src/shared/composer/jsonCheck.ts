/**
 * JSON for the composer: checked as people type, with the first error's line and column, and
 * formatted on request. Our own scanner, because engines word JSON.parse's errors differently
 * and often leave out where the error is.
 */
import type { Checked } from './payloadEncoding';

/** Where the first syntax error is (1-based) and what is wrong there. */
export interface JsonProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SPACE = /[ \t\n\r]*/y;
const LITERAL = /true|false|null/y;

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** The first syntax error of `text` as JSON (RFC 8259), or undefined when it is valid. */
export function findJsonProblem(text: string): JsonProblem | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    return { line, column: error.offset - before.lastIndexOf('\n'), message: error.message };
  }
}

/** "Line 1, column 9: expected ',' or '}' after a property value." */
export function describeJsonProblem(problem: JsonProblem): string {
  return `Invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/** `text` re-indented with `indent` spaces, or the first error. */
export function formatJson(text: string, indent = 2): Checked<string> {
  const problem = findJsonProblem(text);
  if (problem) return { ok: false, error: describeJsonProblem(problem) };
  return { ok: true, value: JSON.stringify(JSON.parse(text), null, indent) };
}

class Scanner {
  private at = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.space();
    if (this.at === this.text.length) throw new Stop(this.at, 'the message is empty; JSON needs a value such as {} or [].');
    this.value();
    this.space();
    if (this.at < this.text.length) throw new Stop(this.at, `unexpected ${this.found()} after the end of the JSON value.`);
  }

  private value(): void {
    const c = this.text[this.at];
    if (c === '{') return this.nested(() => this.object());
    if (c === '[') return this.nested(() => this.array());
    if (c === '"') return this.string();
    if (this.match(NUMBER) || this.match(LITERAL)) return;
    if (c === "'") throw new Stop(this.at, 'strings take double quotes (") in JSON, not single quotes.');
    throw new Stop(this.at, `expected a value (object, array, string, number, true, false or null), found ${this.found()}.`);
  }

  private nested(scan: () => void): void {
    if (++this.depth > MAX_DEPTH) throw new Stop(this.at, `nested deeper than ${MAX_DEPTH} levels.`);
    scan();
    this.depth--;
  }

  private object(): void {
    this.at++;
    this.space();
    if (this.eat('}')) return;
    for (;;) {
      if (this.text[this.at] !== '"') throw new Stop(this.at, `expected a property name in double quotes, found ${this.found()}.`);
      this.string();
      this.space();
      if (!this.eat(':')) throw new Stop(this.at, `expected ':' after the property name, found ${this.found()}.`);
      this.space();
      this.value();
      this.space();
      if (this.eat('}')) return;
      if (!this.eat(',')) throw new Stop(this.at, `expected ',' or '}' after a property value, found ${this.found()}.`);
      this.space();
      if (this.text[this.at] === '}') throw new Stop(this.at, 'a trailing comma before \'}\' is not allowed in JSON.');
    }
  }

  private array(): void {
    this.at++;
    this.space();
    if (this.eat(']')) return;
    for (;;) {
      this.value();
      this.space();
      if (this.eat(']')) return;
      if (!this.eat(',')) throw new Stop(this.at, `expected ',' or ']' after an array item, found ${this.found()}.`);
      this.space();
      if (this.text[this.at] === ']') throw new Stop(this.at, 'a trailing comma before \']\' is not allowed in JSON.');
    }
  }

  private string(): void {
    if (this.match(STRING)) return;
    // Find what broke the string: an unescaped control character, a bad escape, or no closing quote.
    for (let i = this.at + 1; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) throw new Stop(i, c === 0x0a ? 'a string cannot span lines; write \\n for a line break.' : 'a control character inside a string must be escaped.');
      if (c === 0x5c) {
        if (!/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(this.text.slice(i + 1, i + 6))) throw new Stop(i, `invalid escape "\\${this.text[i + 1] ?? ''}" in a string.`);
        i++;
      }
    }
    throw new Stop(this.at, 'this string has no closing double quote.');
  }

  private match(pattern: RegExp): boolean {
    pattern.lastIndex = this.at;
    if (!pattern.test(this.text)) return false;
    this.at = pattern.lastIndex;
    return true;
  }

  private eat(c: string): boolean {
    if (this.text[this.at] !== c) return false;
    this.at++;
    return true;
  }

  private space(): void {
    this.match(SPACE);
  }

  private found(): string {
    if (this.at >= this.text.length) return 'the end of the text';
    const c = this.text[this.at]!;
    return /\s/.test(c) ? 'whitespace' : `"${c}"`;
  }
}
