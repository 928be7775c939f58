import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures.ts";

test("npm start refuses to start on broken questionnaires, with the checker's message", () => {
  const result = spawnSync("npm", ["start"], {
    env: {
      ...process.env,
      PORT: "3198",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "kam-broken-")),
      SURVEYS_DIR: "test/fixtures/surveys/duplicate-id",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("The questionnaires and initiative libraries in surveys/ are not valid:");
  expect(result.stderr).toContain(
    'test/fixtures/surveys/duplicate-id/fixture-q/1.0.0.yaml: questions[5].id: duplicate question id "beta-one"',
  );
  expect(result.stdout).not.toContain("is running at");
});
