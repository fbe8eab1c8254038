// `node idle-client.js <port>`: holds idle keep-alive connections to 127.0.0.1, driven by
// lines on stdin so the harness can read the server's RSS between steps:
//   "open <n>"  opens <n> more connections (250 at a time), sends one GET /hello on each and
//               reads the answer, then leaves them idle; prints "open <total> failed <total>"
//   "close"     prints "still <n>" (how many are still open) and closes them all.
// At most 60,000 connections in all; exits on its own 120 s after the last command.
import { connect, type Socket } from "node:net";
import { createInterface } from "node:readline";

const port = Number(process.argv[2]);
const MAX_CONNECTIONS = 60_000;
const IDLE_EXIT_MS = 120_000;
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

async function openMore(asked: number): Promise<void> {
  const count = Math.min(Math.max(Math.floor(asked) || 0, 0), MAX_CONNECTIONS - sockets.length);
  for (let started = 0; started < count; started += BATCH) {
    const batch: Promise<void>[] = [];
    for (let i = started; i < Math.min(count, started + BATCH); i++) batch.push(openOne());
    await Promise.all(batch);
  }
  console.log(`open ${open} failed ${failed}`);
}

const finish = () => {
  console.log(`still ${open}`);
  for (const socket of sockets) socket.destroy();
  process.exit(0);
};

let exitTimer = setTimeout(finish, IDLE_EXIT_MS);
// Commands run one after another, in the order they arrive.
let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  clearTimeout(exitTimer);
  exitTimer = setTimeout(finish, IDLE_EXIT_MS);
  const [command, argument] = line.trim().split(/\s+/);
  if (command === "open") queue = queue.then(() => openMore(Number(argument)));
  else if (command === "close") queue = queue.then(finish);
});
lines.once("close", () => {
  queue = queue.then(finish);
});
