import { project } from "@typhoon-tooling/vitest-preset";
import { defineConfig } from "vitest/config";

export default defineConfig(project("@typhoon/di"));
