import { Typhoon } from "typhoon";
import { httpsRedirect, trustedHost } from "typhoon/middleware";

const app = new Typhoon();
app.get("/", () => ({ ok: true }));

// Outermost first: refuse unknown hosts, then send plain HTTP to HTTPS.
export const serverApp = trustedHost({ allowedHosts: ["example.com", "*.example.com"] })(
  httpsRedirect()(app.serverApp),
);
