import { generateKeyPairSync } from "node:crypto";
import { createJwt } from "@typhoon/security";

// Keys would be PEM strings or JWKs from your secret store; generated here to run as is.
const july = generateKeyPairSync("ed25519");
const january = generateKeyPairSync("ed25519");

// Before: one key, with a kid so it can be rotated later.
const before = createJwt({
  kid: "2029-07",
  algorithm: "EdDSA",
  privateKey: july.privateKey,
  issuer: "auth",
});
const oldToken = await before.sign({ sub: "ann" });

// After: the new key signs; the old public key still verifies tokens issued before the switch.
const auth = createJwt({
  keys: [
    { kid: "2030-01", algorithm: "EdDSA", privateKey: january.privateKey },
    { kid: "2029-07", algorithm: "EdDSA", publicKey: july.publicKey },
  ],
  issuer: "auth",
});
console.log(auth.signingKid); // "2030-01"
console.log((await auth.verify(oldToken)).sub); // "ann"
console.log(auth.jwks().keys.map((key) => key.kid)); // ["2030-01", "2029-07"]: publish at /.well-known/jwks.json

// Later: the old key is gone, and so are its tokens.
const later = createJwt({
  kid: "2030-01",
  algorithm: "EdDSA",
  privateKey: january.privateKey,
  issuer: "auth",
});
console.log(await later.verify(oldToken).catch((error) => error.code)); // "JWT_UNKNOWN_KID"
