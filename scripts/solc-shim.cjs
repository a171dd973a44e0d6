#!/usr/bin/env node
// Lets forge drive solc-js (WASM): forge only speaks to a native-style `solc` binary.
// Handles `--version` and `--standard-json`; any other call exits non-zero.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const solc = require("solc");

const args = process.argv.slice(2);
if (args.includes("--version")) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}
if (!args.includes("--standard-json")) {
  process.stderr.write(`solc-shim: unsupported arguments: ${args.join(" ")}\n`);
  process.exit(2);
}

const roots = [process.cwd()];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--base-path" || a === "--include-path") roots.push(args[i + 1]);
  else if (a.startsWith("--base-path=") || a.startsWith("--include-path=")) roots.push(a.split("=")[1]);
}

function findImports(importPath) {
  const candidates = path.isAbsolute(importPath)
    ? [importPath]
    : roots.map((r) => path.resolve(r, importPath));
  for (const c of candidates) {
    if (fs.existsSync(c)) return { contents: fs.readFileSync(c, "utf8") };
  }
  return { error: `File not found: ${importPath}` };
}

const input = fs.readFileSync(0, "utf8");
process.stdout.write(solc.compile(input, { import: findImports }));
