import { useWidgets } from "../context.js";
import type { DaySeparatorProps } from "../props.js";

/** The date between messages of different days. */
export function DaySeparator({ createdAt }: DaySeparatorProps) {
  const { format } = useWidgets();
  return (
    <div className="parley-day">
      <span className="parley-day__label">{format.day(createdAt)}</span>
    </div>
  );
}
