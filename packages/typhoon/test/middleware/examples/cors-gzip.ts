import { Typhoon } from "typhoon";
import { cors, gzip } from "typhoon/middleware";

const app = new Typhoon();
app.get("/rows", () => ({
  rows: Array.from({ length: 200 }, (_, i) => ({ index: i, label: `row-${i}` })),
}));

export const serverApp = cors({
  allowOrigins: ["https://app.example.com"],
  allowMethods: ["GET", "POST"],
  allowHeaders: ["Authorization"],
  allowCredentials: true,
  exposeHeaders: ["X-Request-Id"],
  maxAge: 600,
})(gzip({ minimumSize: 1000 })(app.serverApp));
