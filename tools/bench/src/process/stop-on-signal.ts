/**
 * For a server entry running in its own process: on SIGTERM or SIGINT, close the server and
 * exit (1 if closing failed). Bounded: a server that will not close in 2 s exits anyway, and
 * one that hangs harder is left to the parent's SIGKILL.
 */
export function stopOnSignal(server: { close(): Promise<unknown> }): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(0), 2_000);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
