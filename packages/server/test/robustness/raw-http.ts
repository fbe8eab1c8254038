/**
 * The raw HTTP helpers now live in ../support (shared with the node/ suite). This path stays
 * because the umbrella's robustness suite (packages/typhoon/test/robustness) imports it.
 */
export {
  destroyRawConnections,
  eventually,
  header,
  jsonBody,
  parseResponses,
  RawConnection,
  type RawResponse,
  sendRaw,
  sleep,
} from "../support";
