import { Typhoon } from "typhoon";
import { httpMiddleware } from "typhoon/middleware";
import { PlainTextResponse } from "typhoon/responses";

export const settings = { maintenance: false };

const app = new Typhoon();
app.get("/hello", () => ({ message: "Hello" }));

// FastAPI's @app.middleware("http"): see the request, call the rest, edit the response.
const processTime = httpMiddleware(async (request, callNext) => {
  const started = performance.now();
  const response = await callNext(request);
  response.setHeader("x-process-time", ((performance.now() - started) / 1000).toFixed(6));
  return response;
});

// Or answer by itself, without calling the rest.
const maintenance = httpMiddleware((request, callNext) => {
  if (settings.maintenance && request.path !== "/health") {
    return new PlainTextResponse("Back soon", { status: 503 });
  }
  return callNext(request);
});

// The last wrapper is the outermost: maintenance runs first.
export const serverApp = maintenance(processTime(app.serverApp));
