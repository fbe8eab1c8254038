import { passwordBytes } from "./normalize";

/**
 * The byte strings to try against a hash made by another library: the NFC bytes (what
 * `hashPassword` stores) and, when the password is not already NFC, its bytes as typed (what
 * pwdlib, passlib and the bcrypt packages hash). Empty when the password is over the limit or
 * not well-formed Unicode.
 */
export function passwordCandidates(password: string): Buffer[] {
  const normalized = passwordBytes(password);
  if (typeof normalized === "string") return [];
  const typed = Buffer.from(password, "utf8");
  return typed.equals(normalized) ? [normalized] : [normalized, typed];
}
