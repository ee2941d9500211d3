import type { SearchHit } from "@parley/core/search";
import { ChatProvider } from "@parley/react";
import { ChatWindow, type JumpTarget, SearchPanel, WidgetsProvider } from "@parley/widgets";
import { useState } from "react";
import type { DemoConfig, DemoUser, Dialect } from "../../custom-ui/demo/config.js";
import { useDemoClient } from "../../custom-ui/demo/use-demo-client.js";
import { languageFromUrl } from "./language.js";

interface ChatProps {
  config: DemoConfig;
  user: DemoUser;
  dialect: Dialect;
  conversation: string | null;
  onConversationChange(conversation: string): void;
}

/**
 * The whole chat UI is one component, `ChatWindow` under a `ChatProvider`, with a search panel
 * beside it (a hit opens its conversation at that message), in the language of `?lang=` (one of
 * the eight the widgets ship).
 */
export function Chat({ config, user, dialect, conversation, onConversationChange }: ChatProps) {
  const client = useDemoClient(config, user, dialect);
  const [jumpTo, setJumpTo] = useState<JumpTarget | null>(null);
  const [translation] = useState(languageFromUrl);
  if (!client) return null;
  const open = (hit: SearchHit) => {
    if (hit.message.id === undefined) return;
    onConversationChange(hit.conversationId);
    setJumpTo({ messageId: hit.message.id });
  };
  return (
    <ChatProvider client={client}>
      <WidgetsProvider translation={translation}>
        <div className="chat">
          <SearchPanel className="search" onSelect={open} />
          <ChatWindow
            className="window"
            conversationId={conversation}
            onConversationChange={(id) => {
              setJumpTo(null);
              onConversationChange(id);
            }}
            jumpTo={jumpTo}
            autoFocusComposer
          />
        </div>
      </WidgetsProvider>
    </ChatProvider>
  );
}
