import type { MockClient } from './mockClient';
import type { MockDefinition, MockPath, MockRule, MockScheduledFault } from './mockDefinition';
import { findMockPath } from './mockHandshake';
import { payloadBytes } from './mockPayload';
import { matchMessage, messageText, type MatchResult, type MockMessage } from './ruleMatcher';
import type { TemplateContext } from './template';

/**
 * What a mock definition makes the mock do once a client is in: the path's onConnect messages,
 * its scheduled faults, the rules that answer each message (or the echo), and the timers that
 * send to every client of a path. The server accepts clients; this plays the definition to them.
 */
export class MockScript {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly counters = new WeakMap<MockRule, number>();

  constructor(
    /** The definition in force: `reload` swaps it. */
    private readonly definition: () => MockDefinition,
    private readonly clients: ReadonlyMap<string, MockClient>,
    private readonly broadcast: (kind: 'text' | 'binary', data: Uint8Array, path: string) => number,
  ) {}

  /** Plays `config` (the client's path) to a client just connected: answers its messages, sends its onConnect messages, schedules its faults. */
  start(client: MockClient, config: MockPath): void {
    client.onDidReceive((message) => {
      try {
        this.answer(client, message);
      } catch (error) {
        client.note('error', `the mock could not answer: ${(error as Error).message}`);
      }
    });
    // In order: each delay counts from the message before.
    let delay = 0;
    for (const send of config.onConnect ?? []) {
      delay += send.delayMs ?? 0;
      client.later(delay, () => {
        const { kind, data } = payloadBytes(send, this.context(client, undefined, undefined, 0));
        client.send(kind, data, send.fragments);
      });
    }
    for (const scheduled of config.faults ?? []) this.scheduleFault(client, scheduled, scheduled.afterMs);
  }

  /** Starts the definition's timers: each sends to every client of its path, every `everyMs`. */
  startTimers(): void {
    for (const config of this.definition().paths) {
      for (const timer of config.timers ?? []) {
        let counter = 0;
        this.timers.push(
          setInterval(() => {
            counter++;
            for (const client of this.clients.values()) {
              if (this.pathConfig(client.path) !== config) continue;
              const { kind, data } = payloadBytes(timer.send, this.context(client, undefined, undefined, counter));
              client.send(kind, data);
            }
          }, timer.everyMs),
        );
      }
    }
  }

  stopTimers(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** A scheduled fault strikes after `delay`, then every `everyMs` while the client is still open. */
  private scheduleFault(client: MockClient, scheduled: MockScheduledFault, delay: number): void {
    client.later(delay, () => {
      client.fault(scheduled.fault);
      if (scheduled.everyMs !== undefined) this.scheduleFault(client, scheduled, scheduled.everyMs);
    });
  }

  /** The first rule of the client's path that matches answers; otherwise echo or nothing. */
  private answer(client: MockClient, message: MockMessage): void {
    const config = this.pathConfig(client.path);
    if (!config) return;
    for (const rule of config.rules ?? []) {
      const match = matchMessage(rule.match, message);
      if (!match) continue;
      const counter = (this.counters.get(rule) ?? 0) + 1;
      this.counters.set(rule, counter);
      this.reply(client, rule, this.context(client, message, match, counter));
      return;
    }
    if ((config.otherwise ?? 'echo') === 'echo') client.send(message.kind, message.data);
  }

  private reply(client: MockClient, rule: MockRule, context: TemplateContext): void {
    let delay = 0;
    for (const reply of rule.reply ?? []) {
      delay += reply.delayMs ?? 0;
      client.later(delay, () => {
        const { kind, data } = payloadBytes(reply, context);
        if (reply.to === 'all') this.broadcast(kind, data, client.path);
        else client.send(kind, data, reply.fragments);
      });
    }
    const fault = rule.fault;
    if (fault) client.later(delay, () => client.fault(fault));
  }

  private context(client: MockClient, message: MockMessage | undefined, match: MatchResult | undefined, counter: number): TemplateContext {
    const text = message ? messageText(message) : '';
    return { message: text, json: match?.json, captures: match?.captures ?? [], counter, client: client.id, path: client.path };
  }

  private pathConfig(path: string): MockPath | undefined {
    return findMockPath(this.definition(), path);
  }
}
