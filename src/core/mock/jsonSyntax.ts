import { indexPath, joinPath } from './definitionFields';

/** A JSON text read once: its first syntax error (with line and column), or the keys it repeats. */
export interface JsonTextScan {
  readonly error?: string;
  /** Each key that appears more than once in one object (JSON.parse would silently keep the last). */
  readonly duplicateKeys: readonly { readonly path: string; readonly key: string }[];
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SPACE = /[ \t\n\r]*/y;

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Scans `text` as JSON (RFC 8259) without building values. */
export function scanJsonText(text: string): JsonTextScan {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return { duplicateKeys: scanner.duplicateKeys };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = lineAndColumn(text, error.offset);
    return { error: `JSON syntax error at line ${line}, column ${column}: ${error.message}`, duplicateKeys: [] };
  }
}

class Scanner {
  at = 0;
  readonly duplicateKeys: { path: string; key: string }[] = [];
  constructor(private readonly text: string) {}

  document(): void {
    this.value('', 0);
    this.space();
    if (this.at < this.text.length) this.fail(`${this.shown()} after the end of the JSON value. A file holds one object; remove what follows, or add a comma inside it.`);
  }

  private value(path: string, depth: number): void {
    this.space();
    const c = this.text[this.at];
    if (depth > MAX_DEPTH) this.fail(`the value nests deeper than ${MAX_DEPTH} levels; flatten it.`);
    if (c === '{') this.object(path, depth);
    else if (c === '[') this.array(path, depth);
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.token(NUMBER, 'a number (no leading zeros, "+", or trailing ".")');
    else if (this.text.startsWith('true', this.at) || this.text.startsWith('false', this.at) || this.text.startsWith('null', this.at)) this.at += this.text[this.at] === 'f' ? 5 : 4;
    else this.unexpected('a value (an object, list, "string", number, true, false or null)');
  }

  private object(path: string, depth: number): void {
    this.at++;
    const keys = new Set<string>();
    if (this.peek() === '}') return void this.at++;
    for (;;) {
      if (this.peek() !== '"') this.unexpected('a key in double quotes, e.g. "path"', 'a comma before "}": JSON allows no trailing comma; remove it.');
      const key = JSON.parse(this.string()) as string;
      if (keys.has(key)) this.duplicateKeys.push({ path, key });
      keys.add(key);
      if (this.peek() !== ':') this.unexpected(`":" after the key "${key}"`);
      this.at++;
      this.value(joinPath(path, key), depth + 1);
      if (this.peek() === '}') return void this.at++;
      if (this.peek() !== ',') this.unexpected('"," or "}" after a value (is a comma missing?)');
      this.at++;
    }
  }

  private array(path: string, depth: number): void {
    this.at++;
    if (this.peek() === ']') return void this.at++;
    for (let index = 0; ; index++) {
      if (this.peek() === ']') this.fail('a comma before "]": JSON allows no trailing comma; remove it.');
      this.value(indexPath(path, index), depth + 1);
      if (this.peek() === ']') return void this.at++;
      if (this.peek() !== ',') this.unexpected('"," or "]" after an item (is a comma missing?)');
      this.at++;
    }
  }

  private string(): string {
    STRING.lastIndex = this.at;
    const literal = STRING.exec(this.text)?.[0];
    if (literal === undefined) {
      const problem = this.stringProblem(this.at);
      throw new JsonSyntaxError(problem.at, problem.message);
    }
    this.at += literal.length;
    return literal;
  }

  /** What broke the string starting at `start`, and where: the bad character, or the opening quote when it is never closed. */
  private stringProblem(start: number): { readonly at: number; readonly message: string } {
    for (let i = start + 1; i < this.text.length; i++) {
      const c = this.text[i]!;
      if (c === '"') break;
      if (c === '\n' || c === '\r') return { at: i, message: 'this string is not closed on its line: close it with ", or write a line break inside it as \\n.' };
      if (c < ' ') return { at: i, message: 'a control character inside a string: write it escaped (\\t for a tab, \\u0000 for others).' };
      if (c === '\\' && !/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(this.text.slice(i + 1, i + 6))) return { at: i, message: `"\\${this.text[i + 1] ?? ''}" is not a JSON escape: write a backslash as \\\\ (in a regex "\\\\d" means \\d).` };
      if (c === '\\') i++;
    }
    return { at: start, message: 'this string is never closed: add the closing ".' };
  }

  private token(pattern: RegExp, what: string): void {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (!found) this.unexpected(what);
    this.at += found[0].length;
  }

  private unexpected(expected: string, ifClosing?: string): never {
    const c = this.text[this.at];
    if (ifClosing && (c === '}' || c === ']')) this.fail(ifClosing);
    if (c === "'") this.fail(`expected ${expected}, found a single quote: JSON strings and keys use double quotes (").`);
    if (c === '/') this.fail('a comment: JSON files cannot hold comments; remove it, or put the note in "name".');
    this.fail(`expected ${expected}, found ${this.shown()}.`);
  }

  private shown(): string {
    if (this.at >= this.text.length) return 'the end of the file';
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.at, this.at + 40))?.[0];
    return word ? `${word} (words need double quotes: "${word}")` : JSON.stringify(this.text[this.at]);
  }

  private peek(): string | undefined {
    this.space();
    return this.text[this.at];
  }

  private space(): void {
    SPACE.lastIndex = this.at;
    SPACE.exec(this.text);
    this.at = SPACE.lastIndex;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(this.at, message);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
