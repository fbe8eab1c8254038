/** A content coding this middleware can produce. */
export type Encoding = "br" | "gzip";

// Entries beyond this are ignored: a real client sends a handful.
const MAX_ENTRIES = 32;

/**
 * The best of `supported` (listed in the server's order of preference) that the client's
 * `Accept-Encoding` allows, honouring `q` weights: `q=0` refuses a coding, `*` stands for any
 * coding not named, the highest weight wins and ties go to the server's order. No header, or
 * nothing acceptable, gives null (send the body as it is).
 */
export function negotiateEncoding(
  header: string | undefined,
  supported: readonly Encoding[],
): Encoding | null {
  if (header === undefined || supported.length === 0) return null;
  const weights = parseAcceptEncoding(header);
  const wildcard = weights.get("*");
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const encoding of supported) {
    const weight = weights.get(encoding) ?? wildcard ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

/** `gzip;q=0.8, br` → `{gzip: 0.8, br: 1}`; a malformed weight drops its entry. */
export function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  const entries = header.split(",");
  const count = Math.min(entries.length, MAX_ENTRIES);
  for (let i = 0; i < count; i++) {
    const [name = "", ...params] = entries[i]!.split(";");
    const coding = name.trim().toLowerCase();
    if (coding === "") continue;
    let weight = 1;
    for (const param of params) {
      const [key = "", value = ""] = param.split("=");
      if (key.trim().toLowerCase() !== "q") continue;
      weight = parseWeight(value.trim());
    }
    if (Number.isNaN(weight)) continue;
    // The same coding listed twice: the first mention counts, as most servers read it.
    if (!weights.has(coding)) weights.set(coding, weight);
  }
  return weights;
}

// RFC 9110 qvalue: 0, 1, or a decimal with up to three digits, between 0 and 1.
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

function parseWeight(text: string): number {
  return QVALUE.test(text) ? Number(text) : Number.NaN;
}
