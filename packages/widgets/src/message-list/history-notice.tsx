import { useWidgets } from "../context.js";

/** Props of `HistoryNotice`. */
export interface HistoryNoticeProps {
  /**
   * `unavailable`: the history could not be read just now (a server error, the network; the
   * client tries again and live messages still arrive). `absent`: the backend gives no history.
   */
  kind: "unavailable" | "absent";
  /** Reads the history again now: offered as a "Try again" button (`unavailable` only). */
  onRetry?: () => void;
  /** A read is on its way: the button says so and does nothing meanwhile. */
  retrying?: boolean;
}

/**
 * A quiet note about the history of the open conversation, never an alarm: `unavailable` is a
 * polite status above the messages with a "Try again" button; `absent` a muted line. `data-kind`
 * is the kind.
 */
export function HistoryNotice({ kind, onRetry, retrying = false }: HistoryNoticeProps) {
  const { strings } = useWidgets();
  if (kind === "absent") {
    return (
      <p className="parley-history-notice" data-kind="absent">
        {strings.historyNotOffered}
      </p>
    );
  }
  return (
    <div className="parley-history-notice" data-kind="unavailable" role="status">
      {strings.historyUnavailable}
      {onRetry && (
        <>
          {" "}
          <button
            type="button"
            className="parley-button"
            aria-disabled={retrying || undefined}
            onClick={() => {
              if (!retrying) onRetry();
            }}
          >
            {strings.retryLoadOlder}
          </button>
        </>
      )}
    </div>
  );
}
