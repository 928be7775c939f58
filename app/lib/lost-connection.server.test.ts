import type { ServerBuild } from "@remix-run/node";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { runApi } from "./api.server.ts";
import { isLostConnection, withLostConnectionsAs503 } from "./lost-connection.server.ts";

const withCode = (code: string) => Object.assign(new Error(code), { code });
// As drizzle hands on what postgres.js reported.
const fromDrizzle = (code: string) => new DrizzleQueryError("select 1", [], withCode(code));

describe("isLostConnection", () => {
  it.each(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "ECONNRESET", "ECONNREFUSED", "57P01", "57P02", "57P03", "08006", "08P01"])(
    "%s, also inside drizzle's error",
    (code) => {
      expect(isLostConnection(withCode(code))).toBe(true);
      expect(isLostConnection(fromDrizzle(code))).toBe(true);
    },
  );

  it.each(["23505", "40001", "57014", "UNDEFINED_VALUE"])("not %s: the statement failed, the connection is fine", (code) => {
    expect(isLostConnection(fromDrizzle(code))).toBe(false);
  });

  it("not an error without a code", () => {
    for (const value of [new Error("CONNECTION_CLOSED"), null, undefined, "ECONNRESET"]) expect(isLostConnection(value)).toBe(false);
  });
});

describe("withLostConnectionsAs503", () => {
  const build = (loader: () => Promise<unknown>) =>
    ({ routes: { page: { id: "page", path: "/", module: { default: () => null, loader } } } }) as unknown as ServerBuild;
  const loaderOf = (wrapped: ServerBuild) => async () => wrapped.routes.page!.module.loader!({} as never);

  it("a loader's lost connection becomes a thrown 503 with Retry-After", async () => {
    const wrapped = withLostConnectionsAs503(build(() => Promise.reject(fromDrizzle("57P01"))));
    const thrown = await loaderOf(wrapped)().catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(503);
    expect((thrown as Response).headers.get("Retry-After")).toBe("2");
    expect(await (thrown as Response).text()).toMatch(/database did not answer/);
  });

  it("other errors and answers pass unchanged; a route without an action gets none", async () => {
    const failure = fromDrizzle("23505");
    const failing = withLostConnectionsAs503(build(() => Promise.reject(failure)));
    await expect(loaderOf(failing)()).rejects.toBe(failure);
    const answering = withLostConnectionsAs503(build(async () => "rows"));
    await expect(loaderOf(answering)()).resolves.toBe("rows");
    expect(answering.routes.page!.module.action).toBeUndefined();
  });
});

describe("the API", () => {
  it("answers a lost connection as JSON 503 with Retry-After", async () => {
    const response = await runApi(() => Promise.reject(fromDrizzle("CONNECTION_CLOSED")));
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("2");
    expect((await response.json()).error.code).toBe("unavailable");
  });
});
