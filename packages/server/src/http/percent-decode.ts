/** Decodes `%XX` escapes as UTF-8; a malformed escape is kept as sent instead of throwing. */
export function percentDecode(raw: string): string {
  if (!raw.includes("%")) return raw; // the common case allocates nothing
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
