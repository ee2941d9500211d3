/** The JSON shapes of the channels-ws protocol, as its documentation gives them. */

export interface WireMessage {
  id: string;
  content: string;
  sender_type: "patient" | "professional";
  created_at: string;
}

export interface WireChat {
  id: string;
  patient: string;
  professional: string;
  created_at?: string;
  last_message?: WireMessage | null;
}

export interface WirePage {
  count: number;
  next: string | null;
  previous: string | null;
  results: WireMessage[];
}

/** `{message: {...}}` or `{error: "..."}`; anything else is malformed. */
export function parseFrame(text: string): { message: WireMessage } | { error: string } | null {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (!frame || typeof frame !== "object") return null;
  const record = frame as Record<string, unknown>;
  if (typeof record.error === "string") return { error: record.error };
  const message = record.message as Record<string, unknown> | undefined;
  if (
    message &&
    typeof message.id === "string" &&
    typeof message.content === "string" &&
    (message.sender_type === "patient" || message.sender_type === "professional") &&
    typeof message.created_at === "string"
  ) {
    return { message: message as unknown as WireMessage };
  }
  return null;
}
