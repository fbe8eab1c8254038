// The servers the transport command compares, in report order. Labels say what each is:
// (b) is a measurement floor, never a server.

export const TRANSPORT_VARIANTS = [
  {
    id: "node-http",
    label: "(a) raw node:http (IncomingMessage/ServerResponse)",
  },
  {
    id: "floor",
    label: '(b) net.Server + indexOf("\\r\\n\\r\\n"): a measurement floor, NOT a server',
  },
  {
    id: "llhttp",
    label: "(c) net.Server + Node's llhttp, execute() per 'data' chunk",
  },
  {
    id: "llhttp-consume",
    label: "(d) net.Server + Node's llhttp reading the socket handle (node:http's read path)",
  },
] as const;

export type TransportVariantId = (typeof TRANSPORT_VARIANTS)[number]["id"];

/** The variants served by `entries/transport-server` ((a) is the bench's raw server). */
export const NET_VARIANTS = ["floor", "llhttp", "llhttp-consume"] as const;
export type NetVariantId = (typeof NET_VARIANTS)[number];

export function isNetVariant(name: string): name is NetVariantId {
  return (NET_VARIANTS as readonly string[]).includes(name);
}
