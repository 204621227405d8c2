// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "src/db/generated/", "dist/", ".wrangler/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The bot, flows and domain must run on Workers too: no Node-only modules there.
    files: ["src/bot/**/*.ts", "src/flows/**/*.ts", "src/domain/**/*.ts", "src/http/**/*.ts", "src/app.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*", "fs", "path", "child_process"],
              message: "Keep the core runtime-neutral; Node-only code lives in src/entry and src/db.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "process", message: "Read configuration in src/entry and pass it in." }],
    },
  },
  {
    files: ["scripts/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
