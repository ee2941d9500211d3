import "@parley/widgets/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadConfig } from "../../custom-ui/demo/config.js";
import { App } from "./App.js";
import "./app.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root");
const root = createRoot(container);

loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: Error) =>
    root.render(
      <p className="fatal" role="alert">
        Could not load the demo config ({error.message}). Start the demo with `npm run demo`.
      </p>,
    ),
);
