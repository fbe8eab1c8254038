import type { StartServer } from "../scenario";

/** The Node servers, each in its own module so a process loads only its own framework. */
export const NODE_SERVERS = ["raw", "fastify", "hono", "express", "typhoon"] as const;
export type NodeServerName = (typeof NODE_SERVERS)[number];
/** `baseline`: Typhoon as another checkout built it (`--baseline`), to compare two builds. */
export type ServerName = NodeServerName | "fastapi" | "baseline";

export const SERVER_LABELS: Record<ServerName, string> = {
  raw: "raw node:http",
  fastify: "Fastify 5",
  hono: "Hono (node-server)",
  express: "Express 5",
  typhoon: "Typhoon",
  fastapi: "FastAPI + uvicorn",
  baseline: "Typhoon (baseline build)",
};

export function isNodeServer(name: string): name is NodeServerName {
  return (NODE_SERVERS as readonly string[]).includes(name);
}

/** Imported on demand: the raw server's process never loads Fastify, and so on. */
export async function loadServer(name: NodeServerName): Promise<StartServer> {
  switch (name) {
    case "raw":
      return (await import("./raw")).start;
    case "fastify":
      return (await import("./fastify")).start;
    case "hono":
      return (await import("./hono")).start;
    case "express":
      return (await import("./express")).start;
    case "typhoon":
      return (await import("./typhoon")).start;
  }
}
