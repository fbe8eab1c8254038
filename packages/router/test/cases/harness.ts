import type { MatchResult, RouterOptions } from "../../src/index";

/** What a router implementation must offer to run the common cases. Route values are labels. */
export interface RouterUnderTest {
  add(
    methods: readonly string[],
    template: string,
    route: string,
    options?: { name?: string },
  ): void;
  mount(prefix: string, target: unknown, options?: { name?: string }): void;
  match(method: string, path: string): MatchResult<string>;
  redirectTarget(path: string): string | null;
}

export type CreateRouter = (options?: RouterOptions) => RouterUnderTest;
export type Declare = [methods: string[], template: string, label: string][];

/** What `match` answered, reduced to what a test compares. */
export function summary(result: MatchResult<string>): unknown {
  switch (result.kind) {
    case "full":
      return { full: result.route, params: { ...result.params } };
    case "partial":
      return { allow: [...result.allow] };
    case "mount":
      return { mount: result.target, rootPath: result.rootPath, path: result.path };
    default:
      return "none";
  }
}

/** Helpers bound to one implementation: build a router from a list, summarise a match. */
export function harness(create: CreateRouter) {
  function routerWith(routes: Declare, options?: RouterOptions): RouterUnderTest {
    const router = create(options);
    for (const [methods, template, label] of routes) router.add(methods, template, label);
    return router;
  }
  const m = (router: RouterUnderTest, method: string, path: string) =>
    summary(router.match(method, path));
  return { routerWith, m };
}
