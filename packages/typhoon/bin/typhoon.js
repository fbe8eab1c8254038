#!/usr/bin/env node
// The `typhoon` executable. A committed file rather than dist/cli.js itself, so that pnpm can
// link the bin inside the workspace before the first build.
import "../dist/cli.js";
