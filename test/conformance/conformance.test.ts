// Issue 9: the conformance harness. Every case runs with the raw peer as a server (testing our
// ClientConnection) and as a client (testing our MockServer's echo path), and its bytes go through
// ws's Receiver and our FrameDecoder; the report is printed as a table, like Autobahn's.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { bigMessageCases, limitCases } from './cases/bigMessages';
import { closingCases } from './cases/closing';
import { deflateCases } from './cases/deflate';
import { fragmentationCases } from './cases/fragmentation';
import { framingCases, pingPongCases, reservedBitCases, reservedOpcodeCases } from './cases/framing';
import { utf8InvalidCases, utf8ValidCases } from './cases/utf8';
import type { ConformanceCase } from './conformanceCase';
import { formatReport, summaryLine } from './report';
import { closeMocks, runCase, type CaseResult } from './runCase';

const CATEGORIES: readonly [string, readonly ConformanceCase[]][] = [
  ['1 framing', framingCases],
  ['2 ping/pong', pingPongCases],
  ['3 reserved bits', reservedBitCases],
  ['4 reserved opcodes', reservedOpcodeCases],
  ['5 fragmentation', fragmentationCases],
  ['6 UTF-8', [...utf8ValidCases, ...utf8InvalidCases]],
  ['7 closing', closingCases],
  ['9 big messages', bigMessageCases],
  ['10 limits', limitCases],
  ['12/13 permessage-deflate', deflateCases],
];

const results: CaseResult[] = [];

after(async () => {
  await closeMocks();
  console.log(`\n${formatReport(results)}`);
});

describe('conformance (Autobahn categories 1-7, 9, 10, 12/13 subset)', () => {
  it('has unique case ids', () => {
    const ids = CATEGORIES.flatMap(([, cases]) => cases.map((c) => c.id));
    assert.equal(new Set(ids).size, ids.length, ids.filter((id, k) => ids.indexOf(id) !== k).join(', '));
  });

  for (const [name, cases] of CATEGORIES) {
    it(`${name}: ${cases.length} cases, each against our client and our mock`, async () => {
      const failed: CaseResult[] = [];
      for (const testCase of cases) {
        for (const role of testCase.roles ?? (['server', 'client'] as const)) {
          const result = await runCase(testCase, role);
          results.push(result);
          if (!result.passed) failed.push(result);
        }
      }
      assert.equal(failed.length, 0, failed.slice(0, 5).map((r) => `${r.id} (${r.role}) ${r.description}:\n  ${r.problems.join('\n  ')}`).join('\n'));
    });
  }

  it('ran and passed every case', () => {
    const runs = CATEGORIES.reduce((sum, [, cases]) => sum + cases.reduce((n, c) => n + (c.roles ?? ['server', 'client']).length, 0), 0);
    assert.equal(summaryLine(results), `conformance: ${runs} cases, ${runs} passed, 0 failed`);
  });
});
