import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";
import { demoConfig } from "../custom-ui/demo/vite-plugin.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The demo script writes the config the app logs in with (see ../custom-ui/README.md).
const configFile = process.env.PARLEY_DEMO_CONFIG ?? here("../../.parley/demo-config.json");

export default defineConfig({
  plugins: [react(), demoConfig(configFile)],
  resolve: {
    // Inside this repository the Parley packages resolve to their sources: no build needed.
    conditions: ["@parley/source", ...defaultClientConditions],
    alias: { "@parley/widgets/styles.css": here("../../packages/widgets/src/styles.css") },
  },
});
