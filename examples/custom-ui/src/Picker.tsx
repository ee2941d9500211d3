import { type DemoUser, type Dialect, isDialect } from "../demo/config.js";
import type { Selection } from "../demo/selection.js";

interface PickerProps {
  dialects: readonly Dialect[];
  users: readonly DemoUser[];
  user: string | null;
  dialect: Dialect | undefined;
  onChange(change: Partial<Selection>): void;
}

/** Log in as a demo user, on one of the five dialects. */
export function Picker({ dialects, users, user, dialect, onChange }: PickerProps) {
  return (
    <header className="picker">
      <strong>Parley</strong>
      <label>
        User
        <select
          value={user ?? ""}
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
    </header>
  );
}
