import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";

/** Connects a plain socket.io-client and waits for `connect` or `connect_error`. */
export function connectSocketIo(
  url: string,
  options: Partial<ManagerOptions & SocketOptions> = {},
): Promise<{ socket: Socket; error?: Error & { data?: { code?: number } } }> {
  const socket = io(url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ socket }));
    socket.once("connect_error", (error) => resolve({ socket, error }));
  });
}

/** The next `event` on `socket` (its first argument), within `timeoutMs`. */
export function nextEvent<T = any>(socket: Socket, event: string, timeoutMs = 3000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, handler);
  });
}

/** Collects every `event` payload on `socket` from now on. */
export function collect<T = any>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}
