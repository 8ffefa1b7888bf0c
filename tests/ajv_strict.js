// Compile every JSON Schema in the folder given as argument with ajv in strict mode (draft 2020-12)
// and validate each JSON data file given after it. Prints one line per problem; exits 1 if any.
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const [schemaDir, ...dataFiles] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
let failed = false;
const schemas = fs.readdirSync(schemaDir).filter((f) => f.endsWith(".schema.json")).sort();
for (const file of schemas) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, file), "utf8")), file);
for (const file of schemas) {
  try {
    ajv.getSchema(file);
  } catch (error) {
    failed = true;
    console.log(`${file}: ${error.message}`);
  }
}
for (const spec of dataFiles) {
  const [schema, file] = spec.split("=");
  const validate = ajv.getSchema(schema);
  if (!validate(JSON.parse(fs.readFileSync(file, "utf8")))) {
    failed = true;
    console.log(`${file}: ${ajv.errorsText(validate.errors)}`);
  }
}
process.exit(failed ? 1 : 0);
