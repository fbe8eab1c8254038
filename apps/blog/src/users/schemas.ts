import * as v from "valibot";

const Email = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.email("Enter a valid email address"),
  v.maxLength(254),
);

/** Password strength: long enough, letters and digits, and not the email's own name. */
const Password = v.pipe(
  v.string(),
  v.minLength(8, "Password must have at least 8 characters"),
  v.maxLength(128, "Password must have at most 128 characters"),
  v.regex(/\p{L}/u, "Password must contain a letter"),
  v.regex(/\p{N}/u, "Password must contain a digit"),
);

/** What a client sends to register. */
export const UserCreate = v.pipe(
  v.object({
    email: Email,
    password: Password,
    full_name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))),
  }),
  v.forward(
    v.check(
      ({ email, password }) => !password.toLowerCase().includes(email.split("@")[0] ?? email),
      "Password must not contain your email name",
    ),
    ["password"],
  ),
);
export type UserCreate = v.InferOutput<typeof UserCreate>;

export const Role = v.picklist(["user", "admin"]);

/** What the API shows of a user: never the password hash. */
export const UserOut = v.object({
  id: v.number(),
  email: v.string(),
  full_name: v.nullable(v.string()),
  role: Role,
  is_active: v.boolean(),
  created_at: v.string(),
});
export type UserOut = v.InferOutput<typeof UserOut>;

export const UserPage = v.object({
  items: v.array(UserOut),
  total: v.number(),
  skip: v.number(),
  limit: v.number(),
});

/** An admin's change to an account: unset fields stay as they are. */
export const UserAdminUpdate = v.object({
  role: v.optional(Role),
  is_active: v.optional(v.boolean()),
});
export type UserAdminUpdate = v.InferOutput<typeof UserAdminUpdate>;

export const Token = v.object({
  access_token: v.string(),
  token_type: v.literal("bearer"),
  expires_in: v.number(),
});
