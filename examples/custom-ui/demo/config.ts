/** The five dialects, in the order the reference server serves them (ports 8000-8004). */
export const DIALECTS = [
  "support-socketio",
  "friends-ws",
  "care-socketio",
  "channels-ws",
  "rooms-ws",
] as const;

export type Dialect = (typeof DIALECTS)[number];

/** A conversation a demo user can open on one dialect. */
export interface DemoConversation {
  id: string;
  title: string;
}

export interface DemoUser {
  id: string;
  username: string;
  name: string;
  /** How rooms-ws names this person (`u:2` staff, `c:1` customer), or null when not there. */
  roomsId: string | null;
  roles: string[];
  /** A JWT for every dialect (the server signs with one secret). */
  token: string;
  /** rooms-ws: which socket this user takes, or null when the dialect is not for them. */
  roomsParticipant: "user" | "customer" | null;
  conversations: Record<Dialect, DemoConversation[]>;
}

export interface DialectEndpoint {
  /** The backend's base URL: sockets connect here. */
  url: string;
  /**
   * A same-origin path that relays REST calls to `url`, for backends that send no CORS
   * headers (see README). Absent: REST goes to `url` directly.
   */
  relay?: string;
}

/** What the demo script (or the e2e setup) hands the app as `/demo-config.json`. */
export interface DemoConfig {
  dialects: Record<Dialect, DialectEndpoint>;
  users: DemoUser[];
  /**
   * support-socketio: the admin a user writes to before any admin has written (the desk's
   * shared inbox shows it to every admin).
   */
  supportAdminId: string | null;
}

export async function loadConfig(): Promise<DemoConfig> {
  const response = await fetch("/demo-config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`/demo-config.json answered ${response.status}`);
  return (await response.json()) as DemoConfig;
}

/** The dialects this config's server serves (the demo serves all five; a test may serve one). */
export function servedDialects(config: DemoConfig): Dialect[] {
  return DIALECTS.filter((d) => config.dialects[d]);
}

export function isDialect(value: string | null): value is Dialect {
  return (DIALECTS as readonly string[]).includes(value ?? "");
}
