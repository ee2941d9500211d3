import type { Message } from "@parley/core";
import { fakeChat } from "@parley/test-kit";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderWithChat } from "../../test/render.js";
import { MessageActions } from "./message-actions.js";

const mine: Message = {
  clientId: "id:1",
  id: "1",
  conversationId: "ana",
  senderId: "me",
  text: "See you at noon",
  createdAt: "2025-03-03T08:00:00.000Z",
  status: "sent",
};

async function setup() {
  const chat = fakeChat({ capabilities: { replies: true, edit: true, delete: true } });
  await chat.connect();
  const onReply = vi.fn();
  const onEdit = vi.fn();
  renderWithChat(
    chat.client,
    <div>
      <MessageActions message={mine} own onReply={onReply} onEdit={onEdit} />
      <p>elsewhere</p>
    </div>,
  );
  const more = screen.getByRole("button", { name: "More actions" });
  const group = document.getElementById(more.getAttribute("aria-controls") ?? "") as HTMLElement;
  return { chat, onReply, onEdit, more, group };
}

// On a touch screen there is no hover: the "More actions" button (shown for coarse pointers
// only, by CSS) is how a finger reaches a message's actions.
describe("MessageActions without hover", () => {
  it("opens the actions from the More actions button, and an action closes them", async () => {
    const { onReply, more, group } = await setup();
    const user = userEvent.setup();
    expect(more.getAttribute("aria-expanded")).toBe("false");
    expect(group.getAttribute("data-state")).toBe("closed");
    await user.click(more);
    expect(more.getAttribute("aria-expanded")).toBe("true");
    expect(group.getAttribute("data-state")).toBe("open");
    const names = within(group)
      .getAllByRole("button")
      .map((b) => b.textContent);
    expect(names).toEqual(["Reply", "Edit", "Delete"]);
    await user.click(within(group).getByRole("button", { name: "Reply" }));
    expect(onReply).toHaveBeenCalledWith(mine);
    expect(group.getAttribute("data-state")).toBe("closed");
  });

  it("closes on a second tap, on a tap elsewhere, and on Escape with focus back on the button", async () => {
    const { more, group } = await setup();
    const user = userEvent.setup();
    await user.click(more);
    await user.click(more);
    expect(group.getAttribute("data-state")).toBe("closed");

    await user.click(more);
    await user.click(screen.getByText("elsewhere"));
    expect(group.getAttribute("data-state")).toBe("closed");

    await user.click(more);
    await user.tab();
    expect(document.activeElement).toBe(within(group).getByRole("button", { name: "Reply" }));
    await user.keyboard("{Escape}");
    expect(group.getAttribute("data-state")).toBe("closed");
    expect(document.activeElement).toBe(more);
  });

  it("deletes from the opened actions", async () => {
    const { chat, more, group } = await setup();
    const user = userEvent.setup();
    await user.click(more);
    await user.click(within(group).getByRole("button", { name: "Delete" }));
    expect(chat.session.delete).toHaveBeenCalledTimes(1);
    expect(group.getAttribute("data-state")).toBe("closed");
  });
});
