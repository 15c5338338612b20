// A small test runner for inside the extension host: sequential tests, a line per result and
// a summary line the outer test parses. It throws when any test failed, which makes the
// extension host exit with code 1.

type TestFn = () => Promise<void> | void;
const tests: { name: string; fn: TestFn }[] = [];

export function test(name: string, fn: TestFn): void {
  tests.push({ name, fn });
}

export const SUMMARY_PREFIX = 'extension-host tests:';

export async function runAll(timeoutMs = 30_000): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of tests) {
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(fn), timeoutMs, name);
      passed++;
      console.log(`✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.error(`✖ ${name}\n${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  console.log(`${SUMMARY_PREFIX} ${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} extension-host test(s) failed`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls until `predicate` holds (awaited, so it may ask something asynchronously); fails with `what` after `ms`. */
export async function eventually(predicate: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * `promise`, or a failure naming `what` when it has not settled within `ms`: for a command that
 * should return at once, and would otherwise hang on a modal dialog until the test's timeout.
 */
export function settlesWithin<T>(promise: Thenable<T>, what: string, ms = 10_000): Promise<T> {
  return withTimeout(Promise.resolve(promise), ms, `${what}, which should return at once (is it waiting on a dialog?)`);
}
