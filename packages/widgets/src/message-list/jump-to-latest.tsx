import { useWidgets } from "../context.js";
import { ArrowDownIcon } from "../icons.js";
import type { JumpToLatestProps } from "../props.js";

/** The button that scrolls back to the newest message, with the count of new ones. */
export function JumpToLatest({ count, onJump }: JumpToLatestProps) {
  const { strings, format } = useWidgets();
  const label = strings.jumpToLatest(count, format.number(count));
  return (
    <button
      type="button"
      className="parley-jump"
      data-state={count > 0 ? "new" : "idle"}
      aria-label={label}
      onClick={onJump}
    >
      <ArrowDownIcon />
      {count > 0 && (
        <span className="parley-jump__count" aria-hidden="true">
          {format.number(count)}
        </span>
      )}
    </button>
  );
}
