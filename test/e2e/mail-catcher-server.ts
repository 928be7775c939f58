// The browser tests' SMTP server, started by Playwright before the app (playwright.config.ts):
// it keeps every mail the app sends in E2E_MAIL_DIR, where the specs read them.
import { startMailCatcher } from "../mail-catcher.ts";

const dir = process.env.E2E_MAIL_DIR;
const port = Number(process.env.E2E_SMTP_PORT);
if (!dir || !port) throw new Error("E2E_MAIL_DIR and E2E_SMTP_PORT are set by playwright.config.ts.");
const catcher = await startMailCatcher(dir, port);
console.log(`Test SMTP server on ${catcher.url}, keeping mail in ${dir}`);
const stop = () => void catcher.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
