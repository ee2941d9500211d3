import seed from "./vitest.config.js";

// The two-user suite in Chromium against the server's `field` profile: each dialect behaving as
// the deployed backend behind its seed does (issue 14), so that no app depends on our own
// server's guesses.
export default {
  ...seed,
  test: {
    ...seed.test,
    name: "e2e-field",
    include: ["field/**/*.test.ts"],
    env: { PARLEY_PROFILE: "field" },
  },
};
