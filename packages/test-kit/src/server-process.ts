import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** How to run the reference server's CLI in a child process. */
export interface ServerProcessOptions {
  /** The executable and its first arguments, e.g. `[process.execPath, "/path/to/cli.mjs"]`. */
  command: readonly [string, ...string[]];
  /** The one dialect served (`--dialect`). */
  dialect: string;
  /** `--profile`. @default "seed" */
  profile?: string;
  /** Fixtures, written to a JSON file in the temporary directory (`--fixtures`). */
  fixtures?: unknown;
  /** `JWT_SECRET` of the server. */
  jwtSecret?: string;
  /** More flags (limits). */
  args?: readonly string[];
  /** How long one start may take before it counts as failed. @default 15000 */
  startTimeoutMs?: number;
}

/**
 * The reference server as a child process with a SQLite file in a temporary directory: started
 * on a free port, killed with SIGKILL (no shutdown code runs, as in a crash), and started again
 * on the same port and file. `close()` kills it and removes the directory.
 */
export class ServerProcess {
  readonly #options: ServerProcessOptions;
  readonly #dir: string;
  #child: ChildProcess | null = null;
  #port = 0;
  #url = "";
  /** The output of the current run, for the error of a start that fails. */
  #output = "";

  private constructor(options: ServerProcessOptions, dir: string) {
    this.#options = options;
    this.#dir = dir;
  }

  /** Starts the server on a free port in a fresh temporary directory. */
  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const dir = await mkdtemp(join(tmpdir(), "parley-server-"));
    const server = new ServerProcess(options, dir);
    try {
      if (options.fixtures !== undefined)
        await writeFile(join(dir, "fixtures.json"), JSON.stringify(options.fixtures));
      await server.#spawn();
      return server;
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  /** The dialect's base URL, `http://127.0.0.1:<port>`: the same across restarts. */
  get url(): string {
    return this.#url;
  }

  /** The SQLite file the server keeps its rows in. */
  get dbFile(): string {
    return join(this.#dir, "parley.db");
  }

  get running(): boolean {
    return this.#child !== null;
  }

  /** SIGKILL: the process ends at once, whatever it was doing; resolves once it has exited. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = null;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    else return;
    await exited;
  }

  /** Starts the server again on the same port with the same file (after {@link kill}). */
  async restart(): Promise<void> {
    await this.kill();
    await this.#spawn();
  }

  /** Kills the server and removes its directory. */
  async close(): Promise<void> {
    await this.kill();
    await rm(this.#dir, { recursive: true, force: true });
  }

  /** Spawns the CLI and resolves once it prints the dialect's URL (it is listening then). */
  #spawn(): Promise<void> {
    const { command, dialect, profile = "seed", fixtures, jwtSecret, args = [] } = this.#options;
    const [executable, ...first] = command;
    const flags = ["--dialect", dialect, "--profile", profile, "--port", String(this.#port)];
    flags.push("--db", this.dbFile, ...args);
    if (fixtures !== undefined) flags.push("--fixtures", join(this.#dir, "fixtures.json"));
    const child = spawn(executable, [...first, ...flags], {
      env: { ...process.env, ...(jwtSecret ? { JWT_SECRET: jwtSecret } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.#child = child;
    this.#output = "";
    // `  friends-ws        http://127.0.0.1:41234`, printed once the server listens.
    const listening = new RegExp(`^\\s+${dialect}\\s+(http://\\S+)\\r?\\n`, "m");
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const timeoutMs = this.#options.startTimeoutMs ?? 15_000;
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill("SIGKILL");
        if (this.#child === child) this.#child = null;
        reject(new Error(`parley-server ${dialect} ${why}:\n${this.#output}`));
      };
      const timer = setTimeout(() => fail(`did not listen within ${timeoutMs} ms`), timeoutMs);
      child.once("error", (error) => fail(`could not start (${error.message})`));
      child.once("exit", (code, signal) => {
        if (!ready) fail(`exited (${signal ?? code})`);
        else if (this.#child === child) this.#child = null; // it crashed on its own
      });
      // Read everything, always: a full pipe would block the server's writes.
      const read = (chunk: Buffer) => {
        this.#output = (this.#output + chunk.toString()).slice(-20_000);
        const match = ready ? null : listening.exec(this.#output);
        if (!match?.[1]) return;
        ready = true;
        clearTimeout(timer);
        const url = new URL(match[1]);
        this.#port = Number(url.port);
        this.#url = url.origin;
        resolve();
      };
      child.stdout?.on("data", read);
      child.stderr?.on("data", read);
    });
  }
}
