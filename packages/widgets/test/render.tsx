import type { ChatClient } from "@parley/core";
import { ChatProvider } from "@parley/react";
import { type RenderResult, render } from "@testing-library/react";
import type { ReactNode } from "react";
import { WidgetsProvider, type WidgetsProviderProps } from "../src/context.js";

/** Renders widgets under a ChatProvider (and a WidgetsProvider with `widgets`). */
export function renderWithChat(
  client: ChatClient,
  ui: ReactNode,
  widgets: Omit<WidgetsProviderProps, "children"> = {},
): RenderResult {
  return render(
    <ChatProvider client={client}>
      <WidgetsProvider {...widgets}>{ui}</WidgetsProvider>
    </ChatProvider>,
  );
}
