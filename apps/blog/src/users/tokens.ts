import { randomBytes } from "node:crypto";
import { Depends, dependency } from "typhoon";
import { createJwt } from "typhoon/security";
import { getSettings, type Settings } from "../settings";

/** Issues and checks the access tokens (HS256 JWTs whose `sub` is the user id). */
export interface Tokens {
  issue(userId: number): Promise<{ token: string; expiresIn: number }>;
  /** The user id of a valid token, or null for any invalid, expired or foreign token. */
  userIdOf(token: string): Promise<number | null>;
}

// One signer per settings object: the key is read (or drawn) once, not per request.
const bySettings = new WeakMap<Settings, Tokens>();

export function tokensFor(settings: Settings): Tokens {
  let tokens = bySettings.get(settings);
  if (tokens === undefined) {
    tokens = createTokens(settings);
    bySettings.set(settings, tokens);
  }
  return tokens;
}

function createTokens(settings: Settings): Tokens {
  const expiresIn = settings.access_token_minutes * 60;
  // Without SECRET_KEY (the zero-setup demo), tokens are valid until the process stops.
  const secret = settings.secret_key ?? randomBytes(32);
  const jwt = createJwt({ algorithm: "HS256", secret, expiresIn, issuer: settings.app_name });
  return {
    async issue(userId) {
      return { token: await jwt.sign({ sub: String(userId) }), expiresIn };
    },
    async userIdOf(token) {
      let subject: string | undefined;
      try {
        subject = (await jwt.verify(token)).sub;
      } catch {
        // verify() rejects only with JwtError (bad signature, expired, malformed...).
        return null;
      }
      const id = Number(subject);
      return Number.isSafeInteger(id) && id > 0 ? id : null;
    },
  };
}

export const getTokens = dependency({ settings: Depends(getSettings) }, ({ settings }) =>
  tokensFor(settings),
);
