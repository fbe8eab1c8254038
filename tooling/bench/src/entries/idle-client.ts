// `node idle-client.js <port> <count>`: opens <count> keep-alive connections to 127.0.0.1,
// sends one GET /hello on each and reads the answer, then leaves them idle. Prints
// "open <n>" when done; on "close" from stdin (or after 120 s) reports how many are still
// open as "still <n>" and closes them all.
import { connect, type Socket } from "node:net";

const port = Number(process.argv[2]);
const count = Math.min(Math.max(Number(process.argv[3] ?? 10_000), 1), 60_000);
const BATCH = 250;
const REQUEST = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";

const sockets: Socket[] = [];
let open = 0;
let failed = 0;

function openOne(): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let answered = false;
    let received = "";
    const done = () => {
      if (!answered) {
        answered = true;
        resolve();
      }
    };
    socket.setTimeout(10_000, () => {
      failed++;
      socket.destroy();
      done();
    });
    socket.once("connect", () => socket.write(REQUEST));
    socket.on("data", (chunk: Buffer) => {
      if (answered) return;
      received += chunk.toString("latin1");
      if (received.includes("Hello World")) {
        open++;
        socket.setTimeout(0);
        done();
      }
    });
    socket.once("close", () => {
      if (answered) open--;
      else failed++;
      done();
    });
    socket.once("error", () => {});
    sockets.push(socket);
  });
}

for (let started = 0; started < count; started += BATCH) {
  const batch: Promise<void>[] = [];
  for (let i = started; i < Math.min(count, started + BATCH); i++) batch.push(openOne());
  await Promise.all(batch);
}
console.log(`open ${open} failed ${failed}`);

const finish = () => {
  console.log(`still ${open}`);
  for (const socket of sockets) socket.destroy();
  process.exit(0);
};
setTimeout(finish, 120_000).unref();
process.stdin.on("data", (data) => {
  if (data.toString().includes("close")) finish();
});
process.stdin.once("end", finish);
