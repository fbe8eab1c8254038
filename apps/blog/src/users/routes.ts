import { randomBytes } from "node:crypto";
import { APIRouter, BackgroundTasks, Body, Depends, Form, HTTPException } from "typhoon";
import {
  hashPassword,
  needsRehash,
  OAuth2PasswordRequestForm,
  verifyPassword,
} from "typhoon/security";
import { SessionDep } from "../db/session";
import { getMailer, sendWelcomeMail } from "../mail/mailer";
import { getSettings } from "../settings";
import { findUserByEmail, insertUser, setPasswordHash, toUserOut } from "./repository";
import { Token, UserCreate, UserOut } from "./schemas";
import { currentUser } from "./security";
import { getTokens } from "./tokens";

export const usersRouter = new APIRouter({ tags: ["users"] });

usersRouter.post(
  "/users",
  {
    params: {
      user: Body(UserCreate),
      session: SessionDep,
      settings: Depends(getSettings),
      mailer: Depends(getMailer),
      tasks: BackgroundTasks,
    },
    response: UserOut,
    status: 201,
    summary: "Register",
    responses: { 409: { description: "The email is already registered" } },
  },
  async ({ user, session, settings, mailer, tasks }) => {
    const row = await insertUser(session.db, {
      email: user.email,
      full_name: user.full_name ?? null,
      password_hash: await hashPassword(user.password, { logN: settings.password_hash_cost }),
      role: settings.admin_emails.includes(user.email) ? "admin" : "user",
    });
    if (row === null) throw new HTTPException(409, "Email already registered");
    tasks.add(sendWelcomeMail, mailer, {
      from: settings.mail_from,
      to: row.email,
      name: row.full_name ?? row.email,
      appName: settings.app_name,
    });
    return toUserOut(row);
  },
);

// Compared against when the email is unknown, so a login takes as long either way.
let dummyHash: Promise<string> | undefined;

usersRouter.post(
  "/token",
  {
    params: {
      form: Form(OAuth2PasswordRequestForm),
      session: SessionDep,
      tokens: Depends(getTokens),
      settings: Depends(getSettings),
    },
    response: Token,
    summary: "Log in (OAuth2 password flow): the username is the email",
  },
  async ({ form, session, tokens, settings }) => {
    const cost = { logN: settings.password_hash_cost };
    const user = await findUserByEmail(session.db, form.username.trim().toLowerCase());
    dummyHash ??= hashPassword(randomBytes(16).toString("hex"), cost);
    const hash = user?.password_hash ?? (await dummyHash);
    if (!(await verifyPassword(form.password, hash)) || user === null) {
      throw new HTTPException(401, "Incorrect username or password", {
        "WWW-Authenticate": "Bearer",
      });
    }
    if (!user.is_active) throw new HTTPException(400, "Inactive user");
    // The password is at hand only now: the moment to upgrade a hash made with a lower cost.
    if (needsRehash(user.password_hash, cost)) {
      await setPasswordHash(session.db, user.id, await hashPassword(form.password, cost));
    }
    const { token, expiresIn } = await tokens.issue(user.id);
    return { access_token: token, token_type: "bearer" as const, expires_in: expiresIn };
  },
);

usersRouter.get(
  "/users/me",
  { params: { user: Depends(currentUser) }, response: UserOut, summary: "The signed-in user" },
  ({ user }) => toUserOut(user),
);
