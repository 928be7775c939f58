// A real SMTP server for the tests: it receives what the app sends and keeps each mail as a
// file, so the test files (and browser tests, in other processes) can read what arrived.
//
// The recipient's local part chooses a fault, as a real server would answer:
//   refused…@  550 on RCPT TO: the address does not exist (a bounce, never retried)
//   busyN-…@   451 on RCPT TO for the first N tries: try again later (a temporary failure, retried)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface MailCatcher {
  url: string;
  port: number;
  stop(): Promise<void>;
}

let written = 0;
const triesOf = new Map<string, number>();

export async function startMailCatcher(dir: string, port = 0): Promise<MailCatcher> {
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const local = address.address.split("@")[0] ?? "";
      if (local.startsWith("refused")) return callback(Object.assign(new Error("5.1.1 No such mailbox"), { responseCode: 550 }));
      const busy = /^busy(\d+)-/.exec(local);
      if (busy) {
        const tries = (triesOf.get(address.address) ?? 0) + 1;
        triesOf.set(address.address, tries);
        if (tries <= Number(busy[1])) return callback(Object.assign(new Error("4.3.2 Try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        for (const rcpt of session.envelope.rcptTo) {
          written += 1;
          const name = `${Date.now()}-${process.pid}-${written}-${rcpt.address.replace(/[^a-z0-9@._-]/gi, "_")}.eml`;
          writeFileSync(path.join(dir, name), Buffer.concat(chunks));
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ArrivedMail extends ParsedMail {
  file: string;
}

/** Every mail that arrived for the address so far, oldest first. */
export async function mailsTo(dir: string, address: string): Promise<ArrivedMail[]> {
  const suffix = `-${address.toLowerCase().replace(/[^a-z0-9@._-]/gi, "_")}.eml`;
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(suffix))
    .sort((a, b) => Number(a.split("-")[0]) - Number(b.split("-")[0]) || a.localeCompare(b));
  return Promise.all(files.map(async (file) => Object.assign(await simpleParser(readFileSync(path.join(dir, file))), { file })));
}

/** Waits until `count` mails arrived for the address (checking as they come, up to `timeoutMs`). */
export async function waitForMails(dir: string, address: string, count = 1, timeoutMs = 15_000): Promise<ArrivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(dir, address);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`${mails.length} of ${count} mails to ${address} arrived in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The links of a mail's plain-text part. */
export const linksIn = (mail: ParsedMail) => [...(mail.text ?? "").matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);
