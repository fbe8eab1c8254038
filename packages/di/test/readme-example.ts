// The README's example, verbatim except for the import path (test/readme.test.ts checks both).
import { CleanupStack, Depends, dependency, type InputResolver, plan } from "../src/index";

// A toy input compiler: every input is read from ctx.query by its name.
type Ctx = { query: Record<string, string | undefined> };
const compileInputs = (inputs: Record<string, unknown>): InputResolver<Ctx> => {
  const names = Object.keys(inputs);
  return (ctx, errors) => {
    const values: Record<string, unknown> = {};
    for (const name of names) {
      const raw = ctx.query[name];
      if (raw === undefined) errors.push({ loc: ["query", name], msg: "Field required" });
      else values[name] = raw;
    }
    return values;
  };
};

const getDb = dependency(async function* getDb() {
  const db = { name: "db" }; // e.g. await pool.connect()
  try {
    yield db;
  } finally {
    console.log("db released"); // runs when the stack is closed, also after an error
  }
});

const currentUser = dependency(
  { token: "a query input", db: Depends(getDb) },
  async ({ token, db }) => ({ name: String(token), via: db.name }),
);

const route = plan({ user: Depends(currentUser), db: Depends(getDb) }, { compileInputs });

const stack = new CleanupStack();
const errors: unknown[] = [];
const values = await route.run({ query: { token: "alice" } }, stack, errors);
console.log(errors, values); // [] { user: { name: "alice", via: "db" }, db: { name: "db" } }
await stack.close(); // "db released" (getDb ran once: cached per request)
