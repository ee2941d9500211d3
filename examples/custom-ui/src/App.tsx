import { type DemoConfig, servedDialects } from "../demo/config.js";
import { useSelection } from "../demo/selection.js";
import { ChatSession } from "./ChatSession.js";
import { Picker } from "./Picker.js";

export function App({ config }: { config: DemoConfig }) {
  const [selection, select] = useSelection();
  const user = config.users.find((u) => u.username === selection.user);
  const served = servedDialects(config);
  const dialect = served.includes(selection.dialect) ? selection.dialect : served[0];
  return (
    <div className="app">
      <Picker
        users={config.users}
        dialects={served}
        user={selection.user}
        dialect={dialect}
        onChange={select}
      />
      {user && dialect ? (
        <ChatSession
          key={`${user.id}/${dialect}`}
          config={config}
          user={user}
          dialect={dialect}
          conversation={selection.conversation}
          onOpen={(conversation) => select({ conversation })}
        />
      ) : (
        <p className="empty">
          Pick a demo user above. Open a second window as another user to chat with them.
        </p>
      )}
    </div>
  );
}
