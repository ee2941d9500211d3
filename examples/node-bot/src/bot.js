// @ts-check
/**
 * A bot on any Parley backend: it answers every message someone else sends it.
 * @param {import("@parley/core").ChatClient} client a client made with createChatClient
 * @param {(text: string) => string} answer what to say back
 * @returns {() => void} stops answering
 */
export function startBot(client, answer) {
  const stop = client.on("message", (message) => {
    const me = client.getState().me;
    // Only live messages from others: our own echoes and history are not questions.
    if (!me || message.senderId === me || message.id === undefined || message.deleted) return;
    try {
      client.send(message.conversationId, answer(message.text));
    } catch (error) {
      console.error("could not answer:", error);
    }
  });
  // Backends that deliver a chat's messages only to those who joined it (rooms-ws, channels-ws).
  const open = () => {
    if (!client.capabilities.conversationList) return;
    client
      .loadConversations()
      .then((list) => Promise.all(list.map((c) => client.openConversation(c.id))))
      .catch((error) => console.error("could not list conversations:", error.message));
  };
  const unsubscribe = client.subscribe((state, previous) => {
    if (state.connection.status === "connected" && previous.connection.status !== "connected")
      open();
  });
  return () => {
    stop();
    unsubscribe();
  };
}
