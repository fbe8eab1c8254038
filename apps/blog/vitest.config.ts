import { project } from "@typhoon/vitest-preset";
import { defineConfig } from "vitest/config";

export default defineConfig(project("blog"));
