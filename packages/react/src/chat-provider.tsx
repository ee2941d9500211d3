import type { ChatClient } from "@parley/core";
import { createContext, type ReactNode, useContext } from "react";

const ChatContext = createContext<ChatClient | null>(null);
ChatContext.displayName = "ParleyChatContext";

/** Props of {@link ChatProvider}. */
export interface ChatProviderProps {
  /** A client made outside React with `createChatClient`; the app connects and destroys it. */
  client: ChatClient;
  children?: ReactNode;
}

/**
 * Makes a chat client available to the hooks below it. The provider neither connects nor
 * destroys the client: its lifetime is the app's, not a component's, so StrictMode's double
 * mount and remounts never drop the connection.
 */
export function ChatProvider({ client, children }: ChatProviderProps) {
  return <ChatContext.Provider value={client}>{children}</ChatContext.Provider>;
}

/**
 * The client of the nearest {@link ChatProvider}.
 * @throws Error when no `<ChatProvider>` is above the calling component.
 */
export function useChatClient(): ChatClient {
  const client = useContext(ChatContext);
  if (!client) {
    throw new Error(
      "useChatClient: no <ChatProvider> above this component. " +
        "Wrap your app in <ChatProvider client={client}> with a client from createChatClient().",
    );
  }
  return client;
}
