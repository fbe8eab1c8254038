import type { ServerApp } from "typhoon";
import { FormParseError, parseForm } from "typhoon/forms";

/** A ServerApp that answers with the names of the fields and files it was sent. */
export const app: ServerApp = async (scope, receive, send) => {
  if (scope.type !== "http") return;
  const contentType = scope.headers.find(([name]) => name === "content-type")?.[1];
  let status = 200;
  let body: unknown;
  try {
    await using form = await parseForm(receive, contentType, { maxFiles: 1 });
    body = {
      fields: [...form.fields()].map(([name]) => name),
      files: [...form.files()].map(([name, file]) => `${name}: ${file.filename}`),
    };
  } catch (error) {
    if (!(error instanceof FormParseError)) throw error;
    status = error.status; // 400 malformed, 413 over a limit
    body = { detail: error.detail };
  }
  await send({
    type: "http.response.start",
    status,
    headers: [["content-type", "application/json"]],
  });
  await send({ type: "http.response.body", body: Buffer.from(JSON.stringify(body)) });
};
