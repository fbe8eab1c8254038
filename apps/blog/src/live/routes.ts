import { APIRouter, Depends, dependency, Query, WebSocket, WebSocketException } from "typhoon";
import * as v from "valibot";
import { getDatabase } from "../db/session";
import { authenticate, oauth2Scheme } from "../users/security";
import { getTokens } from "../users/tokens";
import { getPostHub } from "./hub";

export const liveRouter = new APIRouter();

/**
 * The user of a WebSocket: `Authorization: Bearer <jwt>`, or `?token=<jwt>` since browsers
 * cannot set headers on a WebSocket. Runs before accept, so a refusal is a 1008 close (403 on
 * the handshake). One short query on the database, no transaction held for the session.
 */
const liveUser = dependency(
  {
    bearer: Depends(oauth2Scheme),
    token: Query(v.optional(v.pipe(v.string(), v.maxLength(8192)))),
    database: Depends(getDatabase),
    tokens: Depends(getTokens),
  },
  async ({ bearer, token, database, tokens }) => {
    const jwt = bearer ?? token;
    if (jwt === undefined) throw new WebSocketException(1008, "Not authenticated");
    const user = await authenticate(database.db, tokens, jwt);
    if (!user.is_active) throw new WebSocketException(1008, "Inactive user");
    return user;
  },
);

const TRY_AGAIN_LATER = 1013;

liveRouter.websocket(
  "/ws/posts",
  { params: { ws: WebSocket, user: Depends(liveUser), hub: Depends(getPostHub) } },
  async ({ ws, user, hub }) => {
    await ws.accept();
    const subscription = hub.subscribe({
      send: (event) => ws.sendJson(event),
      drop: (reason) => void ws.close(TRY_AGAIN_LATER, reason).catch(() => {}),
    });
    if (subscription === null) return ws.close(TRY_AGAIN_LATER, "Too many live clients");
    // Through the client's queue: every post published after "ready" follows it, in order.
    subscription.deliver({ event: "ready", user_id: user.id });
    try {
      // Clients only listen: read (and ignore) what they send until they leave.
      for (let message = await ws.receive(); message.type !== "websocket.disconnect"; ) {
        message = await ws.receive();
      }
    } finally {
      subscription.unsubscribe();
    }
  },
);
