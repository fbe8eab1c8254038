import {
  APIRouter,
  Depends,
  dependency,
  Path,
  Query,
  WebSocket,
  WebSocketException,
} from "typhoon";
import * as v from "valibot";

/** The handshake must carry `?token=ws-secret`; otherwise close with 1008 before accepting. */
const roomToken = dependency({ token: Query(v.optional(v.string())) }, ({ token }) => {
  if (token !== "ws-secret") throw new WebSocketException(1008, "Invalid token");
});

/** apps/reference/SPEC.md §2.14: the chat-room WebSocket. */
export function websocketRoutes(): APIRouter {
  const router = new APIRouter();

  router.websocket(
    "/ws/{room}",
    {
      dependencies: [Depends(roomToken)],
      params: {
        ws: WebSocket,
        room: Path(v.string()),
        nickname: Query(v.optional(v.string(), "anon")),
      },
    },
    async ({ ws, room, nickname }) => {
      await ws.accept();
      await ws.sendJson({ event: "joined", room, nickname });
      for await (const message of ws) {
        // apps/reference/SPEC.md §2.14 answers text messages only.
        if (typeof message !== "string") continue;
        if (message === "bye") {
          await ws.sendText(`goodbye ${nickname}`);
          await ws.close(1000);
          return;
        }
        await ws.sendText(`${nickname}@${room}: ${message}`);
      }
    },
  );

  return router;
}
