import type { InputContext, InputResolver } from "@typhoon/di";
import { RequestScope } from "@typhoon/security";
import {
  compileBody,
  compileField,
  compileModelFields,
  type ErrorItem,
  type FieldValidator,
  type Loc,
  schemaShape,
} from "@typhoon/validation";
import type { GenericSchema } from "valibot";
import { BackgroundTasks } from "../http/background";
import { Request } from "../http/request";
import { Response } from "../http/responses";
import {
  type HeaderOptions,
  isParamMarker,
  isSchema,
  type MarkerOptions,
  type ParamSource,
} from "../params/markers";
import { WebSocket } from "../websocket/websocket";
import type { RequestContext } from "./context";
import {
  ASYNC_READS,
  fileBytesReader,
  fileReader,
  formFieldReader,
  formModelReader,
  isStrictModel,
  modelReader,
  type Read,
} from "./form-inputs";

/** One declared input, as the docs and the body planner see it. */
export interface DeclaredInput {
  readonly key: string;
  readonly source: ParamSource;
  /** Name on the wire (alias, hyphenated header name, ...). */
  readonly name: string;
  readonly schema: GenericSchema;
  readonly options: Readonly<MarkerOptions>;
  readonly owner: InputContext["owner"];
}

/**
 * Compiles the inputs of one node of a route's dependency graph into a resolver. Body fields
 * are compiled later (`finishBodies`), once the whole graph is known: whether bodies are
 * embedded depends on how many there are (FastAPI's rule).
 */
export class InputCompiler {
  readonly declared: DeclaredInput[] = [];
  readonly #pathNames: ReadonlySet<string>;
  readonly #bodies: { input: DeclaredInput; slot: { read: Read } }[] = [];

  constructor(pathNames: ReadonlySet<string>) {
    this.#pathNames = pathNames;
  }

  #hasForm = false;

  get hasBody(): boolean {
    return this.#bodies.length > 0;
  }

  /** Some input reads a form field or an uploaded file. */
  get hasForm(): boolean {
    return this.#hasForm;
  }

  compile = (
    inputs: Record<string, unknown>,
    info: InputContext,
  ): InputResolver<RequestContext> | null => {
    const keys: string[] = [];
    const reads: Read[] = [];
    for (const [key, value] of Object.entries(inputs)) {
      keys.push(key);
      reads.push(this.#reader(key, value, info));
    }
    if (keys.length === 0) return null;
    const count = keys.length;
    if (reads.some((read) => ASYNC_READS.has(read))) return awaitingResolver(keys, reads);
    return (ctx, errors) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const value = reads[i]!(ctx, errors as ErrorItem[]);
        if (value !== undefined) out[keys[i]!] = value;
      }
      return out;
    };
  };

  /** Decides embedding and compiles body validators; call after planning. */
  finishBodies(): void {
    const names = new Set(this.#bodies.map((b) => b.input.name));
    const embedAll = names.size > 1;
    for (const { input, slot } of this.#bodies) {
      if (embedAll || input.options.embed) {
        const validate = compileBody(input.schema, { loc: ["body", input.name] });
        const name = input.name;
        slot.read = (ctx, errors) => {
          const body = ctx.body;
          const value =
            body !== null && typeof body === "object" && !Array.isArray(body)
              ? (body as Record<string, unknown>)[name]
              : undefined;
          return validate(value, errors);
        };
      } else {
        const validate = compileBody(input.schema, { loc: ["body"] });
        slot.read = (ctx, errors) => validate(ctx.body, errors);
      }
    }
  }

  #reader(key: string, value: unknown, info: InputContext): Read {
    if (value === Request) return (ctx) => ctx.request;
    if (value === Response) return (ctx) => ctx.response;
    if (value === BackgroundTasks) return (ctx) => ctx.backgroundTasks;
    if (value === WebSocket) return websocketOf;
    if (value === RequestScope) return (ctx) => ctx.request.scope;
    if (isParamMarker(value))
      return this.#param(key, value.source, value.schema, value.options, info);
    if (isSchema(value)) {
      const source: ParamSource = this.#pathNames.has(key)
        ? "path"
        : schemaShape(value) === "object"
          ? "body"
          : "query";
      return this.#param(key, source, value, {}, info);
    }
    const where = info.chain.length ? info.chain.join(" -> ") : "route";
    throw new TypeError(
      `${where}: params.${key} is not something Typhoon can inject (use a valibot schema, Path/Query/Header/Cookie/Body/Form/File, Depends, Request, Response, BackgroundTasks or WebSocket)`,
    );
  }

  #param(
    key: string,
    source: ParamSource,
    schema: GenericSchema,
    options: Readonly<MarkerOptions>,
    info: InputContext,
  ): Read {
    const name = wireName(key, source, options);
    const input: DeclaredInput = { key, source, name, schema, options, owner: info.owner };
    this.declared.push(input);
    if (source === "body") {
      const slot = { read: (() => undefined) as Read };
      this.#bodies.push({ input, slot });
      return (ctx, errors) => slot.read(ctx, errors);
    }
    if (source === "form" || source === "file") {
      this.#hasForm = true;
      if (source === "file")
        return options.bytes ? fileBytesReader(name, options) : fileReader(name, options);
      return schemaShape(schema) === "object"
        ? formModelReader(schema)
        : formFieldReader(name, schema);
    }
    if (source === "path" && !this.#pathNames.has(name)) {
      const where = info.chain.length ? info.chain.join(" -> ") : "route";
      throw new TypeError(
        `${where}: path parameter "${name}" (params.${key}) is not in the route's path template`,
      );
    }
    if (source !== "path" && schemaShape(schema) === "object")
      return this.#model(source, schema, options);
    return this.#field(source, name, compileField(schema, { loc: [source, name] as Loc }));
  }

  /** FastAPI's query/header/cookie models: one object schema, each entry its own parameter. */
  #model(
    source: "query" | "header" | "cookie",
    schema: GenericSchema,
    options: HeaderOptions,
  ): Read {
    const convert = source === "header" && options.convertUnderscores !== false;
    // Errors name an entry as declared (`save_data`); only the read uses the header spelling.
    const model = compileModelFields(schema, { source });
    return modelReader(
      model,
      {
        location: source,
        pairs: PAIRS[source],
        forbidExtra: isStrictModel(schema),
        ...(source === "header"
          ? { wireKey: (key: string) => (convert ? key.replace(/_/g, "-") : key).toLowerCase() }
          : {}),
      },
      (key, field) => this.#field(source, key, field),
    );
  }

  #field(
    source: "path" | "query" | "header" | "cookie",
    name: string,
    field: FieldValidator,
  ): Read {
    switch (source) {
      case "path":
        return (ctx, errors) => field(ctx.request.pathParams[name], errors);
      case "query":
        return field.multi
          ? (ctx, errors) => {
              const all = ctx.request.query.getAll(name);
              return field(all.length ? all : undefined, errors);
            }
          : (ctx, errors) => field(ctx.request.query.get(name), errors);
      case "header":
        return field.multi
          ? (ctx, errors) => {
              const all = ctx.request.headers.getAll(name);
              return field(all.length ? all : undefined, errors);
            }
          : (ctx, errors) => field(ctx.request.headers.get(name), errors);
      case "cookie":
        return (ctx, errors) => field(ctx.request.cookies[name], errors);
    }
  }
}

/** A resolver for inputs some of which are promises (file contents): it awaits them all. */
function awaitingResolver(keys: string[], reads: Read[]): InputResolver<RequestContext> {
  return async (ctx, errors) => {
    const out: Record<string, unknown> = {};
    const pending: Promise<void>[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = reads[i]!(ctx, errors as ErrorItem[]);
      if (value instanceof Promise) {
        pending.push(
          value.then((resolved) => {
            out[key] = resolved;
          }),
        );
      } else if (value !== undefined) out[key] = value;
    }
    await Promise.all(pending);
    return out;
  };
}

/** What each model source received, as pairs in arrival order. */
const PAIRS: Record<
  "query" | "header" | "cookie",
  (ctx: RequestContext) => Iterable<readonly [string, unknown]>
> = {
  query: (ctx) => ctx.request.query,
  header: (ctx) => ctx.request.headers,
  cookie: (ctx) => Object.entries(ctx.request.cookies),
};

function websocketOf(ctx: RequestContext): WebSocket {
  if (ctx.websocket === undefined)
    throw new TypeError("WebSocket is only available in WebSocket routes");
  return ctx.websocket;
}

function wireName(key: string, source: ParamSource, options: HeaderOptions): string {
  if (options.alias !== undefined)
    return source === "header" ? options.alias.toLowerCase() : options.alias;
  if (source === "header")
    return (options.convertUnderscores === false ? key : key.replace(/_/g, "-")).toLowerCase();
  return key;
}
