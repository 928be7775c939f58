import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

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
});

export type Env = z.infer<typeof envSchema> & { COOKIE_SECURE: boolean };

let cached: Env | undefined;

/** The environment, checked once; a bad value stops the process with a clear message. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  cached = {
    ...parsed.data,
    COOKIE_SECURE: parsed.data.COOKIE_SECURE ?? parsed.data.NODE_ENV === "production",
  };
  return cached;
}
