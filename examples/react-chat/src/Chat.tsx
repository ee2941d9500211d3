import { ChatProvider } from "@parley/react";
import { ChatWindow } from "@parley/widgets";
import type { DemoConfig, DemoUser, Dialect } from "../../custom-ui/demo/config.js";
import { useDemoClient } from "../../custom-ui/demo/use-demo-client.js";

interface ChatProps {
  config: DemoConfig;
  user: DemoUser;
  dialect: Dialect;
  conversation: string | null;
  onConversationChange(conversation: string): void;
}

/** The whole chat UI is one component: `ChatWindow` under a `ChatProvider`. */
export function Chat({ config, user, dialect, conversation, onConversationChange }: ChatProps) {
  const client = useDemoClient(config, user, dialect);
  if (!client) return null;
  return (
    <ChatProvider client={client}>
      <ChatWindow
        className="chat"
        conversationId={conversation}
        onConversationChange={onConversationChange}
        autoFocusComposer
      />
    </ChatProvider>
  );
}
