// Runs the SMTChecker (CHC engine, Z3 inside solc-js) over the targets in contracts/smt/.
// Fails on a compiler error or on any counterexample ("... happens here"). Targets the solver cannot decide
// within its default limits ("might happen") are reported, not failed: see docs/smtchecker.md.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { contractsDir } from "./tools.ts";

type SolcError = { severity: string; message: string; formattedMessage: string };
type Solc = { compile: (input: string, callbacks: { import: (p: string) => object }) => string };

const solc = createRequire(import.meta.url)("solc") as Solc;
const smtDir = join(contractsDir, "smt");
const files = readdirSync(smtDir).filter((f) => f.endsWith(".sol"));
const sources = Object.fromEntries(
  files.map((f) => [`smt/${f}`, { content: readFileSync(join(smtDir, f), "utf8") }]),
);
const input = {
  language: "Solidity",
  sources,
  settings: {
    modelChecker: {
      engine: "chc",
      targets: ["assert", "overflow", "underflow", "divByZero"],
      showProvedSafe: true,
      showUnproved: true,
    },
    outputSelection: {},
  },
};
const readSource = (p: string) => {
  try {
    return { contents: readFileSync(join(contractsDir, p), "utf8") };
  } catch {
    return { error: `not found: ${p}` };
  }
};
const started = Date.now();
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: readSource })) as {
  errors?: SolcError[];
};
const messages = output.errors ?? [];
const where = (e: SolcError) =>
  e.formattedMessage
    .split("\n")
    .find((l) => l.includes("-->"))
    ?.trim() ?? "";
const errors = messages.filter((e) => e.severity === "error");
const violations = messages.filter((e) => /happens here/.test(e.message));
const proved = messages.filter((e) => /check is safe/.test(e.message));
const unproved = messages.filter((e) => /might happen here/.test(e.message));
for (const e of proved) console.log(`proved    ${e.message.replace("CHC: ", "")} ${where(e)}`);
for (const e of unproved) console.log(`unproved  ${e.message.replace("CHC: ", "")} ${where(e)}`);
for (const e of [...errors, ...violations]) console.log(`FAILED    ${e.formattedMessage}`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `SMTChecker: ${proved.length} proved, ${unproved.length} unproved, ${violations.length} counterexamples (${seconds}s)`,
);
process.exit(errors.length + violations.length === 0 ? 0 : 1);
