/** The part of VS Code's LogOutputChannel the lifecycle lines use (a test passes a fake). */
export interface DiagnosticsLog {
  info(message: string): void;
  warn(message: string): void;
}
