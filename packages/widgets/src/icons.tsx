/** Small inline icons: decorative, hidden from assistive technology, drawn in currentColor. */
const base = {
  width: 18,
  height: 18,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round" as const,
  strokeLinejoin: "round" as const,
  focusable: false,
};

export function PaperclipIcon() {
  return (
    <svg {...base} className="parley-icon" aria-hidden="true">
      <path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7" />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg {...base} className="parley-icon" aria-hidden="true">
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
      <path d="M14 3v5h5" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...base} className="parley-icon" aria-hidden="true">
      <path d="M6 6l12 12M18 6 6 18" />
    </svg>
  );
}

export function ArrowDownIcon() {
  return (
    <svg {...base} className="parley-icon" aria-hidden="true">
      <path d="M12 5v14M6 13l6 6 6-6" />
    </svg>
  );
}

export function ReplyIcon() {
  return (
    <svg {...base} className="parley-icon" data-mirror="" aria-hidden="true">
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
    </svg>
  );
}

export function EditIcon() {
  return (
    <svg {...base} className="parley-icon" aria-hidden="true">
      <path d="M17 3a2.8 2.8 0 0 1 4 4L7.5 20.5 2 22l1.5-5.5z" />
    </svg>
  );
}

export function DeleteIcon() {
  return (
    <svg {...base} className="parley-icon" aria-hidden="true">
      <path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6M10 11v6M14 11v6" />
    </svg>
  );
}

export function BackIcon() {
  return (
    <svg {...base} className="parley-icon" data-mirror="" aria-hidden="true">
      <path d="M19 12H5M12 19l-7-7 7-7" />
    </svg>
  );
}

export function NewConversationIcon() {
  return (
    <svg {...base} className="parley-icon" aria-hidden="true">
      <path d="M12 20H5a1 1 0 0 1-1-1v-3.5L15 4.5a2.1 2.1 0 0 1 3 3L8 17.5" />
      <path d="M19 14v6M16 17h6" />
    </svg>
  );
}

export function MoreIcon() {
  return (
    <svg {...base} className="parley-icon" aria-hidden="true">
      <path d="M5 12h.01M12 12h.01M19 12h.01" strokeWidth={3} />
    </svg>
  );
}
