import type { Preview } from "@storybook/react-vite";
import { initialize, mswLoader } from "msw-storybook-addon";
import "../src/styles.css";
import { chatLoader, withChat } from "./story-chat.js";

// Requests no story mocks go to the network as usual (fixtures from the static folder).
initialize({ onUnhandledRequest: "bypass", quiet: true });

const preview: Preview = {
  loaders: [mswLoader, chatLoader],
  decorators: [withChat],
  parameters: {
    layout: "fullscreen",
    // Every story is checked with axe; a violation fails its test.
    a11y: { test: "error" },
  },
};

export default preview;
