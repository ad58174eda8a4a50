// Validates AsyncAPI documents with the AsyncAPI parser (the one @asyncapi/cli uses) and its built-in
// ruleset, and checks every message example against its message's payload schema, which that ruleset
// does for AsyncAPI 2 only. Exits 1 on any error or warning, printing each with where it is. Run by
// scripts/lint-api.sh, which installs the parser (ajv comes with it) and puts it on NODE_PATH.
'use strict';
const fs = require('fs');
const { Parser, DiagnosticSeverity } = require('@asyncapi/parser');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

/** "message NAME example N: PROBLEM" for each example its payload schema refuses. */
function badExamples(document) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const problems = [];
  for (const message of document.components().messages()) {
    const validate = ajv.compile(message.payload().json());
    message.examples().all().forEach((example, i) => {
      if (!validate(example.payload())) {
        problems.push(`message ${message.id()} example ${i} (${example.name()}): ${ajv.errorsText(validate.errors)}`);
      }
    });
  }
  return problems;
}

async function validate(file) {
  const { document, diagnostics } = await new Parser().parse(fs.readFileSync(file, 'utf8'), { source: file });
  const serious = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning);
  for (const d of diagnostics) {
    const severity = ['error', 'warning', 'info', 'hint'][d.severity];
    console.log(`${file}: ${severity} ${d.code} at ${d.path.join('.') || '/'}: ${d.message}`);
  }
  const examples = document === undefined ? [] : badExamples(document);
  examples.forEach((problem) => console.log(`${file}: error ${problem}`));
  if (document === undefined || serious.length + examples.length > 0) {
    console.log(`${file}: invalid (${serious.length + examples.length} errors and warnings)`);
    return false;
  }
  console.log(`${file}: valid AsyncAPI ${document.version()}, ${document.allMessages().length} messages, `
      + `${document.allOperations().length} operations, every example valid against its payload`);
  return true;
}

(async () => {
  let ok = true;
  for (const file of process.argv.slice(2)) {
    ok = (await validate(file)) && ok;
  }
  process.exit(ok ? 0 : 1);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
