// The README's in-process example, verbatim except for the import path (readme.test.ts
// checks that the two agree and runs this file).
import assert from "node:assert/strict";
import { collectBody, httpRequest, type ServerApp, websocketConnect } from "../../src/index";

const app: ServerApp = async (scope, receive, send) => {
  if (scope.type === "http") {
    const body = await collectBody(receive, { maxSize: 1024 }); // BodyTooLarge past 1 KiB
    await send({ type: "http.response.start", status: 200, headers: [["x-path", scope.path]] });
    await send({ type: "http.response.body", body });
  } else if (scope.type === "websocket") {
    await receive(); // websocket.connect
    await send({ type: "websocket.accept" });
    for (let m = await receive(); m.type === "websocket.receive"; m = await receive()) {
      await send({ type: "websocket.send", text: `echo: ${m.text}` });
    }
  }
};

const response = await httpRequest(app, { method: "POST", path: "/a%20b?x=1", body: "hello" });
assert.equal(response.status, 200);
assert.deepEqual(response.headers, [
  ["x-path", "/a b"],
  ["content-length", "5"],
]);
assert.equal(Buffer.from(response.body).toString(), "hello");

{
  await using ws = await websocketConnect(app, { path: "/chat" });
  await ws.sendText("hi");
  assert.equal(await ws.receiveText(), "echo: hi");
} // leaving the block closes the socket (1000) and waits for the app to return
