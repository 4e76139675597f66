import { createServer, type Server, type Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, plain text, no login. */
  url: string;
  port: number;
  /** Every message accepted, parsed, with `cid:` links left in the HTML. */
  messages: ParsedMail[];
  /** Resolves once `count` messages have arrived. */
  waitForMessages(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  /** Listen on this port (to bring a "crashed" server back where the client expects it); any free port by default. */
  port?: number;
  /** RCPT TO for these addresses is refused with 550, as a server does for a mailbox that does not exist. */
  rejectRecipients?: string[];
}

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it receives. */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  const rejected = new Set((options.rejectRecipients ?? []).map((a) => a.toLowerCase()));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejected.has(address.address.toLowerCase())) return callback();
      callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream, { keepCidLinks: true })
        .then((mail) => {
          messages.push(mail);
          const ready = waiters.filter((w) => messages.length >= w.count);
          waiters = waiters.filter((w) => messages.length < w.count);
          for (const w of ready) w.resolve();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitForMessages: (count) =>
      messages.length >= count
        ? Promise.resolve(messages)
        : new Promise((resolve) => waiters.push({ count, resolve: () => resolve(messages) })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface SilentServer {
  url: string;
  /** Resolves when a client has connected. */
  connected: Promise<void>;
  close(): Promise<void>;
}

/** Accepts TCP connections and never says a word: a mail server that has hung. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let onConnect!: () => void;
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onConnect();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connected,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
