import { ChatProvider } from "@parley/react";
import { useMemo } from "react";
import type { DemoConfig, DemoUser, Dialect } from "../demo/config.js";
import { useDemoClient } from "../demo/use-demo-client.js";
import { CapabilityBar } from "./CapabilityBar.js";
import { ConnectionBanner } from "./ConnectionBanner.js";
import { ConversationList } from "./ConversationList.js";
import { makeNameOf, NamesContext } from "./names.js";
import { Thread } from "./Thread.js";

interface ChatSessionProps {
  config: DemoConfig;
  user: DemoUser;
  dialect: Dialect;
  conversation: string | null;
  onOpen(conversation: string): void;
}

/** One user on one dialect: the connection, their conversations and the open thread. */
export function ChatSession({ config, user, dialect, conversation, onOpen }: ChatSessionProps) {
  const client = useDemoClient(config, user, dialect);
  const nameOf = useMemo(() => makeNameOf(config.users), [config.users]);
  const known = user.conversations[dialect];
  if (!client) return null;
  return (
    <ChatProvider client={client}>
      <NamesContext.Provider value={nameOf}>
        <ConnectionBanner />
        <main className="layout">
          <ConversationList known={known} selected={conversation} onSelect={onOpen} />
          {conversation ? (
            <Thread
              key={conversation}
              id={conversation}
              title={known.find((c) => c.id === conversation)?.title ?? nameOf(conversation)}
            />
          ) : (
            <p className="empty">
              {known.length ? "Pick a conversation." : `${user.name} has no chats on ${dialect}.`}
            </p>
          )}
        </main>
        <CapabilityBar />
      </NamesContext.Provider>
    </ChatProvider>
  );
}
