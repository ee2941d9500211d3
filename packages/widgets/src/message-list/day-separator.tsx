import { useWidgets } from "../context.js";

/** Props of {@link DaySeparator}. */
export interface DaySeparatorProps {
  /** Any time on that day (ISO 8601). */
  createdAt: string;
}

/** The date between messages of different days. */
export function DaySeparator({ createdAt }: DaySeparatorProps) {
  const { format } = useWidgets();
  return (
    <div className="parley-day">
      <span className="parley-day__label">{format.day(createdAt)}</span>
    </div>
  );
}
