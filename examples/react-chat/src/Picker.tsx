import type { DemoUser, Dialect } from "../../custom-ui/demo/config.js";
import { isDialect } from "../../custom-ui/demo/config.js";
import type { Selection } from "../../custom-ui/demo/selection.js";

interface PickerProps {
  users: readonly DemoUser[];
  dialects: readonly Dialect[];
  user: DemoUser | undefined;
  dialect: Dialect | undefined;
  conversation: string | null;
  onChange(change: Partial<Selection>): void;
}

/**
 * Log in as a demo user on a dialect, and start a conversation the demo knows of (some
 * backends list none until a first message).
 */
export function Picker({ users, dialects, user, dialect, conversation, onChange }: PickerProps) {
  const known = user && dialect ? user.conversations[dialect] : [];
  return (
    <header className="picker">
      <strong>Parley</strong>
      <label>
        User
        <select
          value={user?.username ?? ""}
          onChange={(e) => onChange({ user: e.target.value, conversation: null })}
        >
          <option value="" disabled>
            Choose…
          </option>
          {users.map((u) => (
            <option key={u.id} value={u.username}>
              {u.name} ({u.username})
            </option>
          ))}
        </select>
      </label>
      <label>
        Dialect
        <select
          value={dialect}
          onChange={(e) => {
            const picked = e.target.value;
            if (isDialect(picked)) onChange({ dialect: picked, conversation: null });
          }}
        >
          {dialects.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label>
        Chat with
        <select
          value={known.some((k) => k.id === conversation) ? (conversation ?? "") : ""}
          onChange={(e) => onChange({ conversation: e.target.value })}
        >
          <option value="" disabled>
            Choose…
          </option>
          {known.map((k) => (
            <option key={k.id} value={k.id}>
              {k.title}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
