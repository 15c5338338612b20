import { type Checked, fail } from '../client/requestInput';

/**
 * A pasted POSIX shell command as its words, as bash would pass them: '…' literal, "…" with
 * \" \\ \$ \` escapes, $'…' with C escapes, \ outside quotes, and \ at a line's end joining the
 * next line (curl commands copied from a browser). Never runs or expands anything: a variable,
 * a command substitution, or a second command is an error that says what to change.
 */
export function shellWords(text: string): Checked<string[]> {
  if (/\^"|\^\r?\n/.test(text)) return fail('This is a Windows cmd command (it escapes with ^). Copy it for bash instead, for example "Copy as cURL (bash)".');
  const words: string[] = [];
  let word: string | undefined;
  const add = (s: string) => (word = (word ?? '') + s);
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n') i += 2;
      else if (next === '\r' && text[i + 2] === '\n') i += 3;
      else {
        add(next ?? '');
        i += 2;
      }
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return unclosed("'");
      add(text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      const quoted = cQuoted(text, i + 2);
      if (!quoted.ok) return quoted;
      add(quoted.value.text);
      i = quoted.value.end;
    } else if (c === '"') {
      const quoted = doubleQuoted(text, i + 1);
      if (!quoted.ok) return quoted;
      add(quoted.value.text);
      i = quoted.value.end;
    } else if ((c === '$' && /[\w{(]/.test(text[i + 1] ?? '')) || c === '`') {
      return expansion(text, i);
    } else if ('|;&<>'.includes(c)) {
      return fail(`The command goes on after an unquoted "${c}": paste only the one command, with any URL that holds "&" or ";" in quotes.`);
    } else {
      add(c);
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return { ok: true, value: words };
}

type Quoted = Checked<{ text: string; end: number }>;

function doubleQuoted(text: string, from: number): Quoted {
  let out = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return { ok: true, value: { text: out, end: i + 1 } };
    if (c === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) {
      if (text[i + 1] !== '\n') out += text[i + 1];
      i++;
    } else if ((c === '$' && /[\w{(]/.test(text[i + 1] ?? '')) || c === '`') {
      return expansion(text, i);
    } else out += c;
  }
  return unclosed('"');
}

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '?': '?' };

/** $'…': \n \t \xHH \uHHHH and the like. */
function cQuoted(text: string, from: number): Quoted {
  let out = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") return { ok: true, value: { text: out, end: i + 1 } };
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[i + 1] ?? '';
    const hex = e === 'x' ? /^[0-9a-fA-F]{1,2}/ : e === 'u' ? /^[0-9a-fA-F]{1,4}/ : e === 'U' ? /^[0-9a-fA-F]{1,8}/ : undefined;
    const digits = hex ? text.slice(i + 2).match(hex)?.[0] : undefined;
    if (digits) {
      out += String.fromCodePoint(parseInt(digits, 16));
      i += 1 + digits.length;
    } else {
      out += C_ESCAPES[e] ?? `\\${e}`;
      i++;
    }
  }
  return unclosed("$'");
}

function expansion(text: string, at: number): Checked<never> {
  const name = text.slice(at).match(/^\$\{?(\w+)/)?.[1];
  if (name) return fail(`The command reads the environment variable ${name}, which Socket Lens cannot see: put its value in place of "$${name}" and paste again.`);
  return fail(`The command runs another command ("${text.slice(at, at + 12)}…") to fill in a value: put the value itself in its place and paste again.`);
}

function unclosed(quote: string): Checked<never> {
  return fail(`A ${quote} quote is opened but never closed: paste the whole command.`);
}
