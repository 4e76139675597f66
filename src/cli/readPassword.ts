import { createInterface } from 'node:readline';

/**
 * The password comes from stdin: the first line when piped (unattended provisioning),
 * or typed at a prompt with echo off when run by a person.
 */
export function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolve, reject) => {
      let data = '';
      input.setEncoding('utf8');
      input.on('data', (chunk: string) => (data += chunk));
      input.on('end', () => resolve(data.split(/\r?\n/)[0] ?? ''));
      input.on('error', reject);
    });
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input, output: process.stderr, terminal: true });
    process.stderr.write(prompt);
    const muted = rl as unknown as { _writeToOutput: (s: string) => void };
    muted._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
