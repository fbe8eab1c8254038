import { run } from "typhoon";
import { app } from "./app";

const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 8000);

await run(app, { host, port });
console.log(`Hello Typhoon: API docs at http://${host}:${port}/docs`);
