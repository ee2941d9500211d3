/** Web Locks in memory: one holder per name, the others wait in order (the cache's leadership). */
export class FakeLocks {
  private readonly queues = new Map<string, Array<() => void>>();
  private readonly held = new Set<string>();

  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const run = () => {
        this.held.add(name);
        callback({ name }).finally(() => {
          this.held.delete(name);
          this.queues.get(name)?.shift()?.();
          resolve(undefined);
        });
      };
      if (!this.held.has(name)) {
        run();
        return;
      }
      const queue = this.queues.get(name) ?? [];
      queue.push(run);
      this.queues.set(name, queue);
      options.signal?.addEventListener("abort", () => {
        const index = queue.indexOf(run);
        if (index >= 0) queue.splice(index, 1);
        reject(new DOMException("aborted", "AbortError"));
      });
    });
  }
}
