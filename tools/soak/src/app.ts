/**
 * The app the soak drives by default: a small Typhoon service with every kind of traffic the
 * soak mixes — JSON create/read (bounded in-memory store), multipart uploads (spilled to a
 * temp dir), a streamed response, an echo WebSocket, and JWT-protected routes.
 */
import { createHash } from "node:crypto";
import {
  Depends,
  dependency,
  File,
  Form,
  HTTPException,
  Path,
  Query,
  Typhoon,
  WebSocket,
} from "typhoon";
import { StreamingResponse } from "typhoon/responses";
import { createJwt, OAuth2PasswordBearer } from "typhoon/security";
import * as v from "valibot";

export const SOAK_SECRET = "soak-test-secret-not-for-production-0123456789";
/** The store keeps at most this many notes, so a long soak cannot grow it without end. */
export const MAX_NOTES = 1_000;

const Note = v.object({
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  body: v.pipe(v.string(), v.maxLength(10_000)),
  tags: v.optional(v.array(v.pipe(v.string(), v.maxLength(30))), []),
});

export interface SoakAppOptions {
  /** Where uploads spill to disk (default: the OS temp dir). */
  tempDir?: string;
}

export function createSoakApp(options: SoakAppOptions = {}): Typhoon {
  const app = new Typhoon({
    title: "Soak target",
    logger: { info() {}, warn: console.warn, error: console.error },
    forms: { maxFileSize: 1024 * 1024, spoolThreshold: 16 * 1024, tempDir: options.tempDir },
  });
  const notes = new Map<number, v.InferOutput<typeof Note> & { id: number }>();
  let nextId = 1;

  app.get("/health", () => ({ ok: true }));
  app.post("/notes", { params: { note: Note }, status: 201 }, ({ note }) => {
    const id = nextId++;
    notes.set(id, { ...note, id });
    // Oldest first out: Map keeps insertion order.
    if (notes.size > MAX_NOTES) notes.delete(notes.keys().next().value as number);
    return { id };
  });
  app.get("/notes/{id}", { params: { id: Path(v.pipe(v.number(), v.integer())) } }, ({ id }) => {
    const note = notes.get(id);
    if (note === undefined) throw new HTTPException(404, "Note not found");
    return note;
  });

  app.post(
    "/upload",
    { params: { file: File(), label: Form(v.optional(v.string(), "")) } },
    async ({ file, label }) => {
      const hash = createHash("sha256");
      for await (const chunk of file.stream()) hash.update(chunk);
      return { label, size: file.size, sha256: hash.digest("hex") };
    },
  );

  app.get(
    "/stream",
    { params: { chunks: Query(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))) } },
    ({ chunks }) => {
      async function* lines() {
        for (let i = 0; i < chunks; i++) yield `line ${i}\n`;
      }
      return new StreamingResponse(lines(), { mediaType: "text/plain" });
    },
  );

  const jwt = createJwt({ algorithm: "HS256", secret: SOAK_SECRET, expiresIn: "10m" });
  const bearer = new OAuth2PasswordBearer({ tokenUrl: "token" });
  const user = dependency({ token: Depends(bearer) }, async ({ token }) => {
    try {
      return { sub: (await jwt.verify(token)).sub };
    } catch {
      throw new HTTPException(401, "Could not validate credentials", {
        "WWW-Authenticate": "Bearer",
      });
    }
  });
  app.post("/token", { params: { username: Form(v.string()) } }, async ({ username }) => ({
    access_token: await jwt.sign({ sub: username }),
    token_type: "bearer",
  }));
  app.get("/me", { params: { user: Depends(user) } }, ({ user }) => user);

  app.websocket("/ws/echo", { params: { ws: WebSocket } }, async ({ ws }) => {
    await ws.accept();
    for await (const message of ws) await ws.sendText(String(message));
  });
  return app;
}
