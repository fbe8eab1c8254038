import type { DependencyOverrides, DependsMarker, Plan } from "@typhoon/di";
import { plan } from "@typhoon/di";
import { parseTemplate } from "@typhoon/router";
import type { RequestContext } from "./context";
import { type DeclaredInput, InputCompiler } from "./inputs";

export interface PlanSource {
  readonly path: string;
  readonly name: string;
  readonly params: Record<string, unknown>;
  readonly before: readonly DependsMarker<unknown>[];
  readonly overrides: DependencyOverrides;
  /** WebSocket routes have no body. */
  readonly allowBody: boolean;
}

/**
 * A route's dependency plan and compiled inputs, rebuilt when the dependency overrides
 * change (tests swap providers after the app was built).
 */
export class RoutePlan {
  readonly #source: PlanSource;
  #plan!: Plan<RequestContext>;
  #inputs!: InputCompiler;

  constructor(source: PlanSource) {
    this.#source = source;
    this.#build();
  }

  /** The current plan; call once per request (it re-plans after overrides changed). */
  current(): Plan<RequestContext> {
    if (this.#plan.isStale()) this.#build();
    return this.#plan;
  }

  get hasBody(): boolean {
    return this.#inputs.hasBody;
  }

  get hasForm(): boolean {
    return this.#inputs.hasForm;
  }

  get inputs(): readonly DeclaredInput[] {
    return this.#inputs.declared;
  }

  #build(): void {
    const source = this.#source;
    const inputs = new InputCompiler(new Set(parseTemplate(source.path).params));
    const built = plan<RequestContext>(source.params, {
      compileInputs: inputs.compile,
      overrides: source.overrides,
      before: source.before,
      name: source.name,
    });
    if (!source.allowBody && (inputs.hasBody || inputs.hasForm)) {
      throw new TypeError(`${source.name}: a WebSocket route cannot declare a request body`);
    }
    if (inputs.hasBody && inputs.hasForm) {
      throw new TypeError(`${source.name}: a route reads either a JSON body or a form, not both`);
    }
    inputs.finishBodies();
    this.#plan = built;
    this.#inputs = inputs;
  }
}
