// Reads a V8 .cpuprofile (what `node --cpu-prof` writes) into self time per function and per
// layer, to say where a server's time goes.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Percent of all sampled time. */
  percent: number;
}

/** Which part of the stack a frame belongs to, from its script URL. */
export function layerOf(url: string, functionName: string): string {
  if (url === "") {
    // V8's pseudo-frames: (garbage collector), (idle), (program), (root).
    return functionName.startsWith("(") ? functionName : "native";
  }
  const pkg = /\/packages\/([^/]+)\/(?:dist|src)\//.exec(url);
  if (pkg) return pkg[1] === "typhoon" ? "typhoon (umbrella)" : `@typhoon/${pkg[1]}`;
  const module = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1]!;
  if (url.startsWith("node:")) return "node internals";
  if (url.includes("/tools/bench/")) return "bench app code";
  return "other";
}

function shortUrl(url: string): string {
  const parts = url.split("/");
  return parts.slice(-3).join("/");
}

/** Self time per function (top `limit`) and per layer, as percentages of the sampled time. */
export function summariseProfile(profile: CpuProfile, limit = 15) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfById = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    const id = profile.samples[i]!;
    selfById.set(id, (selfById.get(id) ?? 0) + delta);
    total += delta;
  }
  const functions = new Map<string, number>();
  const layers = new Map<string, number>();
  for (const [id, time] of selfById) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    const name = frame.url
      ? `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`
      : frame.functionName;
    functions.set(name, (functions.get(name) ?? 0) + time);
    const layer = layerOf(frame.url, frame.functionName);
    layers.set(layer, (layers.get(layer) ?? 0) + time);
  }
  const ranked = (map: Map<string, number>, n: number): SelfTime[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, time]) => ({ name, percent: total > 0 ? (time / total) * 100 : 0 }));
  return { totalMs: total / 1000, functions: ranked(functions, limit), layers: ranked(layers, 20) };
}
