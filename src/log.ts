/** Operational log on stderr; details (stacks) stay here and never reach a person's screen. */
export const log = {
  info(message: string): void {
    process.stderr.write(`${new Date().toISOString()} info  ${message}\n`);
  },
  warn(message: string): void {
    process.stderr.write(`${new Date().toISOString()} warn  ${message}\n`);
  },
  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : ` ${String(error)}`;
    process.stderr.write(`${new Date().toISOString()} error ${message}${detail}\n`);
  },
};
