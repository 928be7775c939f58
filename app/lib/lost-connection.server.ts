// A lost database connection (a terminated backend, a restarting server) is the server's
// passing trouble, not the request's fault: answered 503 with Retry-After, never 500.
// docs/decisions/0013-lost-database-connections.md
import type { ServerBuild } from "@remix-run/node";
import { isLostConnection } from "#db/lost-connection.ts";
import { errorMessages } from "#app/messages/errors.ts";

export { isLostConnection };

/** The pool reconnects within about a second of the database answering again. */
export const RETRY_AFTER_SECONDS = 2;

export const retryAfterHeader = { "Retry-After": String(RETRY_AFTER_SECONDS) };

/**
 * Runs `operation`, and once more if its database connection was lost on the way. Only for
 * operations that may run twice with the same outcome: the first run may have been stored
 * before the connection dropped.
 */
export async function retryIfConnectionLost<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!isLostConnection(error)) throw error;
    return operation();
  }
}

/** One line per request answered 503, so that a flapping database shows in the log. */
export function logLostConnection(error: unknown) {
  const cause = (error as { cause?: unknown }).cause ?? error;
  console.warn(`A database connection was lost; answered 503 (${cause instanceof Error ? cause.message : String(cause)}).`);
}

function databaseUnavailable(): Response {
  return new Response(errorMessages.databaseUnavailable, {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "Content-Type": "text/plain; charset=utf-8", ...retryAfterHeader },
  });
}

function answeringLostConnections<Args, Result>(handler: (args: Args) => Result) {
  return async (args: Args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isLostConnection(error)) throw error;
      logLostConnection(error);
      throw databaseUnavailable();
    }
  };
}

/**
 * The build with every loader and action throwing `databaseUnavailable()` for a lost
 * connection: pages show it in their error boundary, resource routes answer it as it is.
 */
export function withLostConnectionsAs503<Build extends ServerBuild>(build: Build): Build {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: answeringLostConnections(loader) } : {}),
        ...(action ? { action: answeringLostConnections(action) } : {}),
      },
    };
  }
  return { ...build, routes };
}
