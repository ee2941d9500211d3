import { fakeChat } from "@parley/test-kit";
import { cleanup, render } from "@testing-library/react";
import { useState, version } from "react";
import { version as domVersion } from "react-dom";
import { version as serverVersion } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { ChatProvider, useChatClient } from "../src/chat-provider.js";
import { useConnection } from "../src/use-connection.js";

afterEach(cleanup);

// Hooks from ../src and from here only work if both, and @testing-library/react's renderer, share
// one React: a React 19 copy anywhere would throw "Invalid hook call" or reject the elements.
function Probe() {
  useChatClient();
  const { status } = useConnection();
  const [n] = useState(1);
  return <p>{`${version} ${status} ${n}`}</p>;
}

// Guard: this project must never silently run the suite on the workspace's React 19.
describe("react-18 project", () => {
  it("imports React 18", () => {
    expect(version).toMatch(/^18\./);
    expect(domVersion).toMatch(/^18\./);
    expect(serverVersion).toMatch(/^18\./);
  });

  it("renders @parley/react's own hooks with React 18", () => {
    const { client } = fakeChat();
    const { container } = render(
      <ChatProvider client={client}>
        <Probe />
      </ChatProvider>,
    );
    expect(container.textContent).toMatch(/^18\.\d+\.\d+ idle 1$/);
    client.destroy();
  });
});
