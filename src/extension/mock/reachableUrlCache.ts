/** What asking what Copy gives needs of a mock. */
export interface ReachableSource {
  /** The mock's URL (its first path's); a reload may change it. */
  readonly url: string;
  /** False once the mock has stopped. */
  running(): boolean;
  /** What Copy gives for `url`: the forwarded URL in a remote window (see reachableUrl); `url` itself when nothing forwards it. */
  reachableUrl(url: string): Promise<string>;
}

/**
 * What Copy gives for a mock's URL, for its panel's header. In a remote window asking forwards
 * the port (asExternalUri), and the editor keeps the forward: so it asks only while the mock
 * runs, and once per URL, keeping the answer. Answers are kept by the URL they are for, so one
 * arriving late never shows for another URL.
 */
export class ReachableUrlCache {
  /** Every URL asked for, with its answer once it came. */
  private readonly answers = new Map<string, string | undefined>();

  constructor(
    private readonly source: ReachableSource,
    /** An answer came: the header may change. */
    private readonly answered: () => void,
  ) {}

  /** Asks for the mock's URL, unless the mock has stopped or that URL was asked for already. */
  ask(): void {
    const url = this.source.url;
    if (!this.source.running() || this.answers.has(url)) return;
    this.answers.set(url, undefined);
    // reachableUrl never rejects: without forwarding it answers the URL itself.
    void this.source.reachableUrl(url).then((reachable) => {
      this.answers.set(url, reachable);
      this.answered();
    });
  }

  /** What Copy gives for the mock's URL, once answered. */
  current(): string | undefined {
    return this.answers.get(this.source.url);
  }
}
