import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const APP_URL_MESSAGE = "APP_URL is the site's public origin, an http:// or https:// address without a path, such as https://kam.example.com.";

/** Only an origin: links are built by adding the app's own paths to it. */
const isOrigin = (value: string) => {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.pathname === "/" && url.search === "" && url.hash === "" && url.username === "" && url.password === "";
};

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // An empty value, as .env files often leave it, means unset.
  DATABASE_URL: z.preprocess((value) => (value === "" ? undefined : value), z.url().optional()),
  DATA_DIR: z.string().default("data"),
  /** Secure cookie with the __Host- prefix; on by default in production. */
  COOKIE_SECURE: booleanFlag.optional(),
  /** Take the client address from X-Forwarded-For (set when behind a reverse proxy). */
  TRUST_PROXY: booleanFlag.default(false),
  /** The address people reach the site at; every link the app hands out starts with it. */
  APP_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.url({ protocol: /^https?$/, error: APP_URL_MESSAGE }).refine(isOrigin, APP_URL_MESSAGE).optional(),
  ),
  /** Where mail goes, such as smtps://user:password@smtp.example.com:465; unset, mail waits on the Outbox page. */
  SMTP_URL: z.preprocess((value) => (value === "" ? undefined : value), z.url({ protocol: /^smtps?$/, error: "SMTP_URL is an smtp:// or smtps:// address, such as smtps://user:password@smtp.example.com:465." }).optional()),
  /** The sender of every mail, such as "KAM Navigator <kam@example.com>". */
  MAIL_FROM: z.string().min(3).default("KAM Navigator <no-reply@localhost>"),
  /** Run the job worker inside the web process (the default); off when `npm run worker` runs it. */
  WORKER: z.enum(["on", "off"]).default("on"),
});

export type Env = Omit<z.infer<typeof envSchema>, "APP_URL"> & { COOKIE_SECURE: boolean; APP_URL: string };

let cached: Env | undefined;

/** Checks an environment; a bad value throws with one line per problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return {
    ...parsed.data,
    COOKIE_SECURE: parsed.data.COOKIE_SECURE ?? parsed.data.NODE_ENV === "production",
    APP_URL: new URL(parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).origin,
  };
}

/** The environment, checked once; a bad value stops the process with a clear message. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * An absolute link to a path of this site, on APP_URL. Never built from the request: behind a
 * proxy that passes on whatever Host or X-Forwarded-Host a client sends, links made from the
 * request would point wherever that client wanted.
 */
export function publicUrl(path: string): string {
  return new URL(path, env().APP_URL).href;
}
