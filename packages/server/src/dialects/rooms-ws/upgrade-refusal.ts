import type { Server as HttpServer, IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { bearerToken } from "../../auth/jwt.js";
import type { WsEndpoint, WsRoute } from "../../realtime/ws-endpoint.js";

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Field: attaches `endpoint` behind a check that refuses a socket the route would not admit with
 * HTTP 403 at the upgrade, as uvicorn answers a FastAPI WebSocket closed before `accept()`
 * (`chat_websocket.py`). A browser sees only close 1006. Admitted requests (and unknown paths,
 * the endpoint's 404) go on to the endpoint unchanged.
 */
export function attachRefusingAtUpgrade(
  server: HttpServer,
  endpoint: WsEndpoint,
  routes: ReadonlyArray<WsRoute<unknown>>,
): void {
  let admitted: UpgradeListener | undefined;
  // The endpoint registers its one upgrade listener; it is called only after the check.
  endpoint.attach({
    on: (_event: string, listener: UpgradeListener) => {
      admitted = listener;
    },
  } as unknown as HttpServer);
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const route = routes.find((r) => r.match(url.pathname));
    if (!route) return admitted?.(request, socket, head);
    const token = url.searchParams.get("token") || bearerToken(request.headers.authorization);
    route
      .admit({ url, params: {}, token, headers: request.headers })
      .then((admission) => {
        if (admission.ok) admitted?.(request, socket, head);
        else socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      })
      .catch(() => socket.destroy());
  });
}
