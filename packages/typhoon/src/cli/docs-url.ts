/** Where the interactive docs of an app served on host:port can be opened from this machine. */
export function docsUrl(host: string, port: number, scheme = "http"): string {
  // A wildcard bind is not an address a browser can open; localhost reaches it.
  const shown = host === "0.0.0.0" || host === "::" || host === "" ? "localhost" : host;
  const bracketed = shown.includes(":") ? `[${shown}]` : shown;
  return `${scheme}://${bracketed}:${port}/docs`;
}
