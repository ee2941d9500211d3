import type { AdapterSession, HistoryPage } from "./adapter.js";
import { ParleyError } from "./errors.js";
import type { StoreEvent } from "./store-events.js";

/** Reads history pages from the backend and hands each to the store. */
export class HistoryReader {
  readonly #session: AdapterSession;
  readonly #adapterName: string;
  readonly #dispatch: (event: StoreEvent) => void;
  readonly #pageSize: number;

  constructor(
    session: AdapterSession,
    adapterName: string,
    dispatch: (event: StoreEvent) => void,
    pageSize: number,
  ) {
    this.#session = session;
    this.#adapterName = adapterName;
    this.#dispatch = dispatch;
    this.#pageSize = pageSize;
  }

  /** Whether the dialect has history at all. */
  get available(): boolean {
    return this.#session.history !== undefined;
  }

  /** The page older than `cursor` (null: the newest); `older` pages go before what is held. */
  async read(conversationId: string, cursor: string | null, older: boolean): Promise<HistoryPage> {
    if (!this.#session.history)
      throw new ParleyError("unsupported", `${this.#adapterName} has no history`);
    const page = await this.#session.history(conversationId, cursor, this.#pageSize);
    this.#dispatch({ type: "history", conversationId, page, older });
    return page;
  }
}
