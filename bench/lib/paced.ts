import { forkSender } from './senderChild';

export interface PacedSender {
  /** The URL whose upgrade gets `rate` text messages of `size` bytes a second. */
  url(rate: number, size: number): string;
  close(): Promise<void>;
}

/** Starts pacedSender.ts in a child process, so the sender shares no event loop with what is measured. */
export async function startPacedSender(): Promise<PacedSender> {
  const child = await forkSender('pacedSender.ts', 'paced sender');
  return { url: (rate, size) => `ws://127.0.0.1:${child.port}/?rate=${rate}&size=${size}`, close: () => child.close() };
}
