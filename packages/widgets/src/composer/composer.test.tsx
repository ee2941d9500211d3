import type { Message } from "@parley/core";
import { directConversation, fakeChat, makeThread, settle } from "@parley/test-kit";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithChat } from "../../test/render.js";
import { Composer } from "./composer.js";

const ana = directConversation("ana", { id: "ana", name: "Ana" });
const input = () => screen.getByRole("textbox", { name: "Message" }) as HTMLTextAreaElement;
const texts = (chat: ReturnType<typeof fakeChat>) =>
  (chat.client.getState().threads.ana?.messages ?? []).map((m: Message) => m.text);

describe("Composer", () => {
  it("sends typing through the client while the user types, and stops when cleared", async () => {
    const chat = fakeChat({ conversations: [ana] });
    await chat.connect();
    renderWithChat(chat.client, <Composer conversationId="ana" />);
    await userEvent.type(input(), "hel");
    expect(chat.typing[0]).toEqual({ conversationId: "ana", typing: true });
    // Debounced: three keystrokes are one signal.
    expect(chat.typing.filter((t) => t.typing)).toHaveLength(1);
    await userEvent.clear(input());
    expect(chat.typing.at(-1)).toEqual({ conversationId: "ana", typing: false });
  });

  it("sends on Enter, clears the field and keeps focus in it", async () => {
    const chat = fakeChat({ conversations: [ana] });
    await chat.connect();
    renderWithChat(chat.client, <Composer conversationId="ana" />);
    await userEvent.type(input(), "Hello there{Enter}");
    await act(settle);
    expect(texts(chat)).toEqual(["Hello there"]);
    expect(input().value).toBe("");
    expect(document.activeElement).toBe(input());
  });

  it("adds a line on Shift+Enter instead of sending", async () => {
    const chat = fakeChat({ conversations: [ana] });
    await chat.connect();
    renderWithChat(chat.client, <Composer conversationId="ana" />);
    await userEvent.type(input(), "line one{Shift>}{Enter}{/Shift}line two");
    expect(input().value).toBe("line one\nline two");
    expect(texts(chat)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(texts(chat)).toEqual(["line one\nline two"]);
    expect(document.activeElement).toBe(input());
  });

  it("does not send whitespace; the send button is disabled until there is text", async () => {
    const chat = fakeChat({ conversations: [ana] });
    await chat.connect();
    renderWithChat(chat.client, <Composer conversationId="ana" />);
    const send = screen.getByRole("button", { name: "Send" }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    await userEvent.type(input(), "   {Enter}");
    expect(texts(chat)).toEqual([]);
  });

  it("hides attachments, reply and edit where the backend can't do them", async () => {
    const chat = fakeChat({ conversations: [ana], capabilities: { attachments: "url" } });
    await chat.connect();
    const message = makeThread("ana", 1)[0] as Message;
    renderWithChat(
      chat.client,
      <Composer conversationId="ana" defaultMode={{ kind: "reply", message }} />,
    );
    expect(screen.queryByRole("button", { name: "Attach a file" })).toBeNull();
    expect(screen.queryByText(/Replying to/)).toBeNull();
    expect(screen.getByRole("textbox").closest("form")?.getAttribute("data-state")).toBe("idle");
  });

  it("uploads attachments with progress and sends them", async () => {
    const chat = fakeChat({
      conversations: [ana],
      capabilities: { attachments: "upload" },
      uploadMs: 80,
    });
    await chat.connect();
    renderWithChat(chat.client, <Composer conversationId="ana" />);
    expect(screen.getByRole("button", { name: "Attach a file" })).toBeTruthy();
    const picker = document.querySelector<HTMLInputElement>("input[type=file]") as HTMLInputElement;
    await userEvent.upload(picker, new File(["%PDF"], "plan.pdf", { type: "application/pdf" }));
    expect(await screen.findByRole("progressbar", { name: /Uploading plan\.pdf/ })).toBeTruthy();
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(chat.sent.at(-1)?.attachments).toEqual([
      { url: "/fixtures/plan.pdf", name: "plan.pdf", type: "application/pdf", size: 4 },
    ]);
    expect(screen.queryByText("plan.pdf")).toBeNull();
  });

  it("replies: shows who is answered, sends replyTo, Escape cancels", async () => {
    const chat = fakeChat({ conversations: [ana], capabilities: { replies: true } });
    await chat.connect();
    const original = { ...(makeThread("ana", 1)[0] as Message), senderId: "ana" };
    renderWithChat(
      chat.client,
      <Composer conversationId="ana" defaultMode={{ kind: "reply", message: original }} />,
    );
    expect(screen.getByText("Replying to Ana")).toBeTruthy();
    expect(document.activeElement).toBe(input());
    await userEvent.type(input(), "Sure{Enter}");
    await act(settle);
    expect(chat.sent.at(-1)).toMatchObject({ text: "Sure", replyTo: original.id });
    expect(screen.queryByText("Replying to Ana")).toBeNull();
  });

  it("edits: starts with the old text, saves through the client, Escape cancels", async () => {
    const chat = fakeChat({ conversations: [ana], capabilities: { edit: true } });
    await chat.connect();
    const mine = { ...(makeThread("ana", 1)[0] as Message), senderId: "me", text: "helo" };
    const modes: unknown[] = [];
    const view = renderWithChat(
      chat.client,
      <Composer
        conversationId="ana"
        defaultMode={{ kind: "edit", message: mine }}
        onModeChange={(m) => modes.push(m)}
      />,
    );
    expect(input().value).toBe("helo");
    expect(screen.getByRole("button", { name: "Save" })).toBeTruthy();
    await userEvent.clear(input());
    await userEvent.type(input(), "hello{Enter}");
    await waitFor(() => expect(chat.edits).toEqual([{ id: mine.id, text: "hello" }]));
    await waitFor(() => expect(modes).toEqual([null]));
    expect(chat.sent).toHaveLength(0);
    view.unmount();

    renderWithChat(
      chat.client,
      <Composer conversationId="ana" defaultMode={{ kind: "edit", message: mine }} />,
    );
    await userEvent.type(input(), "{Escape}");
    expect(input().value).toBe("");
    expect(screen.queryByText("Editing message")).toBeNull();
  });
});
