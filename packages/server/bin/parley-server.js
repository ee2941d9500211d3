#!/usr/bin/env node
// The bin is this committed file, not dist/cli.js itself: pnpm links bins at install, before any
// build, and warns for every link to a file that does not exist yet.
import "../dist/cli.js";
