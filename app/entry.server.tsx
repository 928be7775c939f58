import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./components/nonce.tsx";
import { TOO_LARGE_HEADERS } from "./lib/body.server.ts";
import { RETRY_AFTER_SECONDS } from "./lib/lost-connection.server.ts";

// The server entry (server/index.ts) reaches these through the build, so the database has
// exactly one owner: the app bundle.
export { prepareDatabase, shutdownDatabase, DEMO_SIGN_IN } from "./services/startup.server.ts";
export { startWorker } from "./services/worker.server.ts";

export const streamTimeout = 5_000;

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp: string;
    cspNonce: string;
  }
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // A page's 503 is a lost database connection (withLostConnectionsAs503): the error page
          // cannot carry the thrown response's headers, so they are added here.
          if (responseStatusCode === 503) responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
          // A 413 is a body over its limit (readForm): closing the connection leaves the rest unread.
          if (responseStatusCode === 413) responseHeaders.set("Connection", TOO_LARGE_HEADERS.Connection);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
