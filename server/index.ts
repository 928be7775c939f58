// The app's own HTTP server: Remix on Express, with security headers, the Origin check,
// a graceful shutdown on SIGTERM/SIGINT and, for `npm start`, a build when one is needed.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { bodyKindOf, declaresTooMuch, TOO_LARGE_HEADERS, tooLarge } from "../app/lib/body.server.ts";
import { env } from "../app/lib/env.server.ts";
import { isLostConnection, withLostConnectionsAs503 } from "../app/lib/lost-connection.server.ts";
import { isAllowedOrigin } from "../app/lib/origin.ts";
import { BUILD_ENTRY, buildIfNeeded } from "./build.ts";

type AppBuild = ServerBuild & {
  entry: {
    module: ServerBuild["entry"]["module"] & {
      prepareDatabase(): Promise<{ seeded: boolean; kind: string }>;
      shutdownDatabase(): Promise<void>;
      startWorker(): Promise<{ stop(): Promise<void> }>;
      DEMO_SIGN_IN: { email: string; password: string };
    };
  };
};

const SHUTDOWN_DEADLINE_MS = 4_500;

const dev = process.argv.includes("--dev");
if (!dev) process.env.NODE_ENV ??= "production";
const config = env();

/** Mounts the asset middleware on `app` and returns a way to get the current build. */
async function loadBuild(app: express.Express): Promise<() => Promise<AppBuild>> {
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    return () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<AppBuild>;
  }
  buildIfNeeded();
  const build = (await import(pathToFileURL(BUILD_ENTRY).href)) as AppBuild;
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  return async () => build;
}

function securityHeaders(nonce: string): Record<string, string> {
  const headers: Record<string, string> = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  // Vite's dev server injects its own inline scripts, so the strict policy is for builds.
  if (!dev) {
    headers["Content-Security-Policy"] = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join("; ");
  }
  return headers;
}

async function main() {
  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY) app.set("trust proxy", 1);

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set(securityHeaders(nonce));
    const allowed = isAllowedOrigin({
      method: req.method,
      origin: req.get("origin"),
      referer: req.get("referer"),
      expectedOrigin: `${req.protocol}://${req.get("host")}`,
      authorization: req.get("authorization"),
      cookie: req.get("cookie"),
      pathname: req.path,
    });
    if (!allowed) {
      res.status(403).type("text/plain").send("This request did not come from this site, so it was refused.");
      return;
    }
    next();
  });

  // A declared body over its route's limit is refused before the app runs; a body sent without
  // a length is counted by the app's readers as it arrives (app/lib/body.server.ts).
  app.use((req, res, next) => {
    const kind = bodyKindOf(req.path);
    if (!declaresTooMuch(req.get("content-length"), kind)) return next();
    const { message } = tooLarge(kind);
    res.status(413).set(TOO_LARGE_HEADERS);
    if (kind === "form") res.type("text/plain").send(message);
    else res.json({ error: { code: "payload_too_large", message } });
  });

  const build = await loadBuild(app);
  const initial = await build();
  const { seeded, kind } = await initial.entry.module.prepareDatabase();
  // The job worker sends mail and runs scheduled work; `npm run worker` runs it on its own instead.
  const worker = config.WORKER === "on" ? await initial.entry.module.startWorker() : null;

  app.all(
    "*",
    createRequestHandler({
      build: dev ? async () => withLostConnectionsAs503(await build()) : withLostConnectionsAs503(initial),
      mode: dev ? "development" : "production",
      getLoadContext: (req, res) => ({
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: res.locals.cspNonce as string,
      }),
    }),
  );

  const server: Server = app.listen(config.PORT, () => {
    const url = `http://localhost:${config.PORT}`;
    console.log(`KAM Navigator is running at ${url} (database: ${kind}; mail: ${config.SMTP_URL ? "sent by SMTP" : "kept on the Outbox page, as SMTP_URL is not set"})`);
    const demo = initial.entry.module.DEMO_SIGN_IN;
    console.log(`Demo sign-in: ${demo.email} / ${demo.password}${seeded ? " (demo data created)" : ""}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then closing the database.`);
    const deadline = setTimeout(() => {
      console.error("Shutdown deadline reached; closing remaining connections.");
      server.closeAllConnections();
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    server.close(async () => {
      await worker?.stop();
      await initial.entry.module.shutdownDatabase();
      clearTimeout(deadline);
      process.exit(0);
    });
    // A request still in flight ends on a keep-alive connection that would hold close() until
    // the deadline; sweep such connections as soon as they go idle.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 50).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

// When PostgreSQL terminates a backend, postgres.js rejects every query queued on that
// connection with one shared error, and one of those promises can have no handler: the process
// then died on an unhandled rejection although each request had already been answered. A lost
// connection is logged and survived; any other unhandled rejection still stops the process.
process.on("unhandledRejection", (reason: unknown) => {
  if (isLostConnection(reason)) {
    console.error(`A database connection was lost (${reason instanceof Error ? reason.message : String(reason)}); the pool reconnects.`);
    return;
  }
  throw reason;
});

main().catch((error: unknown) => {
  // Content errors carry their own precise messages; a stack trace would only hide them.
  console.error(error instanceof Error && error.name === "SurveyContentError" ? error.message : error);
  process.exit(1);
});
