import { WebSocket } from "ws";

/**
 * A plain `ws` client for conformance tests: it records every frame and close, and lets a test
 * wait for the next frame that matches.
 */
export class WsProbe {
  readonly frames: unknown[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<{ test: (f: any) => boolean; resolve: (f: any) => void }> = [];
  private cursor = 0;

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => {
      socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    socket.on("message", (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        frame = { unparsable: data.toString() };
      }
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    socket.on("error", () => {});
  }

  /** Opens a socket; resolves once open, or once closed when the server rejects it. */
  static open(url: string, headers?: Record<string, string>): Promise<WsProbe> {
    const socket = new WebSocket(url, headers ? { headers } : undefined);
    const probe = new WsProbe(socket);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(probe));
      socket.once("close", () => resolve(probe));
      socket.once("unexpected-response", (_req, res) =>
        reject(new Error(`HTTP ${res.statusCode} on upgrade`)),
      );
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /**
   * The next frame (after those already taken by `next`) that matches `test`, waiting up to
   * `timeoutMs` for it.
   */
  next<T = any>(test: (frame: any) => boolean = () => true, timeoutMs = 3000): Promise<T> {
    for (let i = this.cursor; i < this.frames.length; i++) {
      if (test(this.frames[i])) {
        this.cursor = i + 1;
        return Promise.resolve(this.frames[i] as T);
      }
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`),
        );
      }, timeoutMs);
      const waiter = {
        test,
        resolve: (f: T) => {
          clearTimeout(timer);
          this.cursor = this.frames.length;
          resolve(f);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits `ms` and answers whether any frame matching `test` arrived (for "nothing came"). */
  async none(test: (frame: any) => boolean, ms = 300): Promise<boolean> {
    await new Promise((r) => setTimeout(r, ms));
    return !this.frames.some(test);
  }

  close(): void {
    this.socket.close();
  }
}
