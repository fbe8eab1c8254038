/**
 * Clients that leave mid-request or mid-stream, many times over: a streaming route's
 * generator `finally` and its dependency's cleanup run every time, a half-downloaded file is
 * closed, and no file descriptor is left behind (/proc/self/fd counted before and after).
 */

import { canCountFds, openFds } from "@typhoon-tooling/test-support";
import { describe, expect, it } from "vitest";
import {
  eventually,
  expectStillServing,
  RawConnection,
  type Served,
  sleep,
  startApp,
} from "./harness";

const ROUNDS = 20;

/** Opens a connection, sends `request`, waits for `bytes` of answer (0: none), then vanishes. */
async function leaveEarly(served: Served, request: string, bytes: number): Promise<void> {
  const connection = await RawConnection.connect(served.port);
  connection.write(request);
  if (bytes > 0) await eventually(() => connection.received.length >= bytes);
  else await sleep(20);
  connection.socket.destroy();
}

const count = (served: Served, event: string) => served.events.filter((e) => e === event).length;

describe.runIf(canCountFds)("disconnects leave nothing behind", () => {
  it("mid-stream: every generator finally and dependency cleanup runs; fds return to the baseline", async () => {
    const served = await startApp();
    await leaveEarly(served, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n", 10_000); // warm up
    await eventually(() => count(served, "resource closed") === 1);
    const baseline = openFds();
    for (let round = 0; round < ROUNDS; round++) {
      await leaveEarly(served, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n", 10_000);
    }
    await eventually(() => count(served, "stream finished") === ROUNDS + 1);
    await eventually(() => count(served, "resource closed") === ROUNDS + 1);
    await eventually(() => openFds() <= baseline);
    expect(openFds()).toBeLessThanOrEqual(baseline);
    await expectStillServing(served);
  });

  it("mid-download of a 4 MiB static file: the file handle is closed every time", async () => {
    const served = await startApp();
    await leaveEarly(served, "GET /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n", 50_000);
    await sleep(50);
    const baseline = openFds();
    for (let round = 0; round < ROUNDS; round++) {
      await leaveEarly(served, "GET /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n", 50_000);
    }
    await eventually(() => openFds() <= baseline);
    expect(openFds()).toBeLessThanOrEqual(baseline);
    await expectStillServing(served);
  });

  it("mid-body of a JSON request and mid-upload: nothing is left open", async () => {
    const served = await startApp();
    const json =
      'POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"name": ';
    const form =
      "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n" +
      `--b\r\nContent-Disposition: form-data; name="files"; filename="a"\r\n\r\n${"z".repeat(20_000)}`;
    await leaveEarly(served, json, 0);
    await leaveEarly(served, form, 0);
    await sleep(50);
    const baseline = openFds();
    for (let round = 0; round < ROUNDS; round++) {
      await leaveEarly(served, json, 0);
      await leaveEarly(served, form, 0);
    }
    await eventually(() => openFds() <= baseline);
    expect(openFds()).toBeLessThanOrEqual(baseline);
    await expectStillServing(served);
  });
});
