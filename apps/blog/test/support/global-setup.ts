import type { TestProject } from "vitest/node";
import { createTemplate, dropTemplate, type TemplateRef } from "./template";

declare module "vitest" {
  export interface ProvidedContext {
    blogTemplate: TemplateRef;
  }
}

/** Migrates one template database for the whole run (DATABASE_URL set: on that server). */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL || undefined;
  const template = await createTemplate(serverUrl);
  project.provide("blogTemplate", template);
  return () => dropTemplate(serverUrl, template);
}
