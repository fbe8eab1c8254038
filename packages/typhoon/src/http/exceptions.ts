// HTTPException lives in the server's HTTP vocabulary, so the security schemes throw the same
// class; `typhoon` keeps its public name and import path.
export { HTTPException, statusText } from "@typhoon/server";
