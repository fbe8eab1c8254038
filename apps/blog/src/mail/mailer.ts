import { dependency } from "typhoon";

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Where mail goes. Dev logs it; production would plug an SMTP or API client in here. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

/** Logs every message instead of sending it (the dev default). */
export class ConsoleMailSender implements MailSender {
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void = console.log) {
    this.#log = log;
  }

  async send(message: MailMessage): Promise<void> {
    this.#log(`[mail] from ${message.from} to ${message.to}: ${message.subject}\n${message.text}`);
  }
}

const consoleMailer = new ConsoleMailSender();

/** The mail sender; tests replace it to capture what was sent. */
export const getMailer = dependency((): MailSender => consoleMailer);

/** The welcome mail, as a background task after registering (runs after the response). */
export async function sendWelcomeMail(
  mailer: MailSender,
  options: { from: string; to: string; name: string; appName: string },
): Promise<void> {
  await mailer.send({
    from: options.from,
    to: options.to,
    subject: `Welcome to ${options.appName}`,
    text: `Hello ${options.name},\n\nyour account is ready. Happy writing!\n`,
  });
}
