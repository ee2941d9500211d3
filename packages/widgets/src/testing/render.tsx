import type { ChatClient } from "@parley/core";
import { ChatProvider } from "@parley/react";
import { type RenderResult, render } from "@testing-library/react";
import type { ReactNode } from "react";
import { WidgetsProvider, type WidgetsProviderProps } from "../context.js";

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

/** Resolves after queued microtasks, timers at 0 and React's work have run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
