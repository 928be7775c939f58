// What the app mailed during the browser tests, read from the test SMTP server's folder.
import { linksIn, waitForMails } from "../mail-catcher.ts";

const mailDir = () => {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is set by playwright.config.ts.");
  return dir;
};

/** The mails that arrived for the address, once `count` have (the app's worker sends them within seconds). */
export const mailsFor = (address: string, count = 1) => waitForMails(mailDir(), address, count, 60_000);

export { linksIn };
