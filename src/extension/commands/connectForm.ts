import * as vscode from 'vscode';
import { type HeaderPair, parseHeaderLine, parseSubprotocolList } from '../../core/client/requestInput';
import { parsePastedCommand, pastedTool, type PastedCommand } from '../../core/paste/pastedCommand';
import { redactHeaders } from '../../core/redaction/redactHeaders';
import { redactSubprotocols } from '../../core/redaction/redactSubprotocols';
import { redactUrl } from '../../core/redaction/redactUrl';
import { checkWebSocketUrl } from '../../core/url/webSocketUrl';
import { countOf } from '../../shared/format';

/** What Connect… asks for: the URL as typed, and any headers and subprotocols added to it. */
export interface ConnectForm {
  readonly url: string;
  readonly headers: readonly HeaderPair[];
  readonly protocols: readonly string[];
}

const TITLE = 'Socket Lens: Connect';
const ADD_HEADERS_TOOLTIP = 'Add Headers and Subprotocols…';
const ADD_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('add'), tooltip: ADD_HEADERS_TOOLTIP };

/** How a step was left: Enter or the + button with a valid value, Back, or the remove button. */
type Answer = { readonly kind: 'enter' | 'back' | 'button'; readonly value: string };

interface Step {
  readonly step: number;
  readonly prompt: string;
  readonly placeholder: string;
  readonly value: string;
  readonly buttons: readonly vscode.QuickInputButton[];
  /** What is wrong with the value (a string), or a note on it, shown as it is typed; Enter is refused while something is wrong. */
  readonly validate: (value: string) => string | vscode.InputBoxValidationMessage | undefined;
}

/**
 * Asks for a URL; Enter connects at once. The + button goes on to request headers (one
 * `Name: value` at a time) and then subprotocols (comma-separated), each checked as it is typed;
 * Back returns to the step before, keeping what was typed. Undefined when dismissed.
 */
export async function askConnectForm(initial: ConnectForm): Promise<ConnectForm | undefined> {
  let form = initial;
  let step: 'url' | 'headers' | 'protocols' = 'url';
  for (;;) {
    if (step === 'url') {
      const answer = await ask(urlStep(form.url));
      if (!answer) return undefined;
      const pasted = pastedTool(answer.value) ? parsePastedCommand(answer.value) : undefined;
      form = pasted?.ok ? { url: pasted.value.url, headers: pasted.value.headers, protocols: pasted.value.protocols } : { ...form, url: answer.value };
      if (answer.kind === 'enter') return form;
      step = 'headers';
    } else if (step === 'headers') {
      const answer = await ask(headerStep(form.headers));
      if (!answer) return undefined;
      if (answer.kind === 'back') step = 'url';
      else if (answer.kind === 'button') form = { ...form, headers: form.headers.slice(0, -1) };
      else if (answer.value.trim() === '') step = 'protocols';
      else form = { ...form, headers: [...form.headers, parsedHeader(answer.value, form.headers)] };
    } else {
      const answer = await ask(protocolStep(form.protocols));
      if (!answer) return undefined;
      if (answer.kind === 'back') step = 'headers';
      else return { ...form, protocols: parsedProtocols(answer.value) };
    }
  }
}

function urlStep(url: string): Step {
  return {
    step: 1,
    prompt: 'WebSocket URL (ws:// or wss://), or a pasted wscat, websocat, curl or socket-lens command. Enter connects; + adds request headers and subprotocols first.',
    placeholder: 'ws://127.0.0.1:8080/socket',
    value: url,
    buttons: [ADD_BUTTON],
    validate: (value) => {
      if (pastedTool(value)) {
        const pasted = parsePastedCommand(value);
        return pasted.ok ? { message: describePasted(pasted.value), severity: vscode.InputBoxValidationSeverity.Info } : pasted.message;
      }
      const checked = checkWebSocketUrl(value);
      return checked.ok ? undefined : checked.error.message;
    },
  };
}

function headerStep(headers: readonly HeaderPair[]): Step {
  const names = headers.map(([name]) => name);
  const added = headers.length === 0 ? '' : ` Added: ${headerList(headers)}.`;
  const last = headers.at(-1);
  return {
    step: 2,
    prompt: `A request header as Name: value, then Enter; Enter on an empty box goes on to the subprotocols.${added}`,
    placeholder: 'Authorization: Bearer eyJhbGciOi…',
    value: '',
    buttons: [vscode.QuickInputButtons.Back, ...(last ? [{ iconPath: new vscode.ThemeIcon('remove'), tooltip: `Remove ${last[0]}` }] : [])],
    validate: (value) => {
      if (value.trim() === '') return undefined;
      const checked = parseHeaderLine(value, names);
      return checked.ok ? undefined : checked.message;
    },
  };
}

function protocolStep(protocols: readonly string[]): Step {
  return {
    step: 3,
    prompt: 'Subprotocols to offer, most wanted first, separated by commas (Sec-WebSocket-Protocol); leave it empty to offer none. Enter connects.',
    placeholder: 'chat.v2, chat.v1',
    value: protocols.join(', '),
    buttons: [vscode.QuickInputButtons.Back],
    validate: (value) => {
      const checked = parseSubprotocolList(value);
      return checked.ok ? undefined : checked.message;
    },
  };
}

/** What Enter will connect with: the command's URL, headers (secrets hidden), subprotocols and what it leaves out. */
function describePasted(pasted: PastedCommand): string {
  const parts = [`${pasted.tool} command: connects to ${redactUrl(pasted.url)}`];
  if (pasted.headers.length) parts.push(`headers ${headerList(pasted.headers)}`);
  if (pasted.protocols.length) parts.push(`subprotocols ${redactSubprotocols(pasted.protocols).join(', ')}`);
  const leftOut = [...pasted.leftOut, ...(pasted.otherWords ? [countOf(pasted.otherWords, 'other word')] : [])];
  if (leftOut.length) parts.push(`left out ${leftOut.join(', ')}`);
  return `${parts.join(' · ')}. Enter connects; + shows the headers first.`;
}

/** Headers as `Name: value; …`, credentials hidden. */
function headerList(headers: readonly HeaderPair[]): string {
  return redactHeaders(headers).map(([name, value]) => `${name}: ${value}`).join('; ');
}

/** The header of an answer that passed its step's validation. */
function parsedHeader(value: string, headers: readonly HeaderPair[]): HeaderPair {
  const checked = parseHeaderLine(value, headers.map(([name]) => name));
  if (!checked.ok) throw new Error(checked.message);
  return checked.value;
}

function parsedProtocols(value: string): string[] {
  const checked = parseSubprotocolList(value);
  if (!checked.ok) throw new Error(checked.message);
  return checked.value;
}

/** Shows one step and resolves with how it was left, or undefined when dismissed. */
function ask(step: Step): Promise<Answer | undefined> {
  const box = vscode.window.createInputBox();
  Object.assign(box, { title: TITLE, step: step.step, totalSteps: 3, prompt: step.prompt, placeholder: step.placeholder, value: step.value, buttons: step.buttons, ignoreFocusOut: true });
  box.validationMessage = step.value === '' ? undefined : step.validate(step.value);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Answer | undefined) => {
      if (settled) return;
      settled = true;
      resolve(answer);
      for (const subscription of subscriptions) subscription.dispose();
      box.dispose();
    };
    /** Enter, or a button that goes forward, only with a valid value. */
    const accept = (kind: 'enter' | 'button') => {
      const checked = step.validate(box.value);
      box.validationMessage = checked;
      if (checked === undefined || (typeof checked !== 'string' && checked.severity !== vscode.InputBoxValidationSeverity.Error)) finish({ kind, value: box.value });
    };
    const subscriptions = [
      box.onDidChangeValue((value) => (box.validationMessage = step.validate(value))),
      box.onDidAccept(() => accept('enter')),
      box.onDidTriggerButton((button) => (button === vscode.QuickInputButtons.Back ? finish({ kind: 'back', value: box.value }) : button === ADD_BUTTON ? accept('button') : finish({ kind: 'button', value: '' }))),
      box.onDidHide(() => finish(undefined)),
    ];
    box.show();
  });
}
