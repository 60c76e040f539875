// jsonfeed: validate JSON Feed documents with ajv against the JSON Feed
// 1.1 schema in tests/data/jsonfeed (formats uri and date-time checked by
// ajv-formats), or any JSON against another schema (the article page's
// CSL-JSON against tests/data/csl).  Usage: node jsonfeed.mjs SCHEMA FILE...; one line per
// file, "PASS jsonfeed FILE" or "FAIL jsonfeed FILE: errors".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

const [schemaPath, ...files] = process.argv.slice(2);
// Union types ("type": ["string", "number"]) are allowed: the CSL-JSON
// schema, also validated with this file, has them.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false,
  allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
let failed = 0;
for (const f of files) {
	let doc;
	try {
		doc = JSON.parse(readFileSync(f, "utf8"));
	} catch (e) {
		console.log(`FAIL jsonfeed ${f}: not JSON: ${e.message}`);
		failed++;
		continue;
	}
	if (validate(doc)) {
		console.log(`PASS jsonfeed ${f}`);
	} else {
		failed++;
		console.log(`FAIL jsonfeed ${f}: ` +
		    JSON.stringify(validate.errors).slice(0, 1500));
	}
}
process.exit(failed ? 1 : 0);
