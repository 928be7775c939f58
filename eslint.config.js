import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "data/", "test-results/", "playwright-report/", "reports/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The domain is pure: no database, no web framework, no Node built-ins.
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(#db/|(\\.\\./)+db/)", message: "app/domain must not touch the database." },
            { group: ["@remix-run/*", "react", "react-dom"], message: "app/domain must not depend on the web framework." },
            { group: ["node:*"], message: "app/domain must not use Node built-ins." },
            { group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/*"], message: "app/domain must not touch the database." },
            { regex: "^(#app/(services|lib)/|\\.\\./(services|lib)/)", message: "app/domain must not call out." },
          ],
        },
      ],
    },
  },
  {
    // Who may do what lives in one table (app/domain/permissions.ts): routes and services ask
    // it for an action and never weigh a role themselves.
    files: ["app/routes/**/*.{ts,tsx}", "app/services/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='roleAtLeast']", message: "Ask the permission table: requireMembership(request, org, action), authorize(membership, action) or can(membership, action)." },
        { selector: "BinaryExpression[operator=/^[!=]==$/] > MemberExpression.left[property.name='role']", message: "Ask the permission table instead of comparing roles." },
      ],
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='roleAtLeast']", message: "Ask the permission table: requireMembership(request, org, action) or can(membership, action)." },
        { selector: "BinaryExpression[operator=/^[!=]==$/] > MemberExpression.left[property.name='role']", message: "Ask the permission table instead of comparing roles." },
        { selector: "CallExpression[callee.name=/^(requireMembership|requireApiMembership|roleAtLeast|roleAllows)$/] > Literal[value=/^(viewer|member|program_lead|admin|owner)$/]", message: "Routes name actions, not roles: see app/domain/permissions.ts." },
        { selector: "BinaryExpression > Literal[value=/^(viewer|member|program_lead|admin|owner)$/]", message: "Routes name actions, not roles: see app/domain/permissions.ts." },
      ],
    },
  },
);
