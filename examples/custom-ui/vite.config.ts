import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";
import { demoConfig } from "./demo/vite-plugin.js";

// The demo script (and the e2e setup) write the config the app logs in with; see README.
const configFile =
  process.env.PARLEY_DEMO_CONFIG ??
  fileURLToPath(new URL("../../.parley/demo-config.json", import.meta.url));

export default defineConfig({
  plugins: [react(), demoConfig(configFile)],
  // Inside this repository the Parley packages resolve to their sources: no build needed.
  resolve: { conditions: ["@parley/source", ...defaultClientConditions] },
});
