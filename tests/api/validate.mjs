// Check answers of the API against its OpenAPI document: every answer's
// status must be documented for its operation, its media type must be
// the documented one, its body must be valid against the documented
// schema (Ajv's JSON Schema 2020-12 build, which is the dialect of
// OpenAPI 3.1 schemas, with ajv-formats for date, date-time and
// uri-reference) and every header the document gives the answer must be
// there.  An error outside every operation (an unknown path or method,
// an address too long) must be a valid Problem.
//
//   node tests/api/validate.mjs OPENAPI.json ANSWERS.jsonl
//
// ANSWERS.jsonl has one answer a line: {"method", "path" (with its
// query), "status", "headers" (names lower-cased), "body" (text)}.
// Prints "FAIL api schema: ..." for each answer that does not conform,
// then one line "api schema: N answers checked, M valid (K operations,
// S statuses)" and exits 1 if any failed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");

const [docPath, answersPath] = process.argv.slice(2);
if (!docPath || !answersPath) {
	console.error("usage: validate.mjs OPENAPI.json ANSWERS.jsonl");
	process.exit(2);
}
const doc = JSON.parse(readFileSync(docPath, "utf8"));
const answers = readFileSync(answersPath, "utf8").split("\n")
	.filter((l) => l.trim() !== "").map((l) => JSON.parse(l));

// The document is added whole under an id, and each response schema is
// compiled as a reference into it: its own references
// (#/components/schemas/...) then resolve inside the document.
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
// OpenAPI's own members of the document, outside any schema.
for (const k of ["openapi", "info", "servers", "security", "tags",
	"paths", "components"])
	ajv.addKeyword(k);
const ID = "https://octavo.invalid/openapi.json";
ajv.addSchema({ ...doc, $id: ID });

const server = new URL(doc.servers[0].url, "http://x/").pathname;
const templates = Object.keys(doc.paths).map((t) => ({
	t,
	re: new RegExp("^" + t.replace(/[.]/g, "\\.")
		.replace(/\{[^}]+\}/g, "[^/]+") + "$"),
}));

function pointer(...parts) {
	return parts.map((p) => String(p).replace(/~/g, "~0")
		.replace(/\//g, "~1")).join("/");
}

function deref(obj) {
	while (obj && obj.$ref) {
		obj = obj.$ref.slice(2).split("/").reduce((o, k) =>
			o[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
	}
	return obj;
}

// One compiled validator per schema location.
const validators = new Map();
function validator(loc) {
	if (!validators.has(loc))
		validators.set(loc, ajv.compile({ $ref: ID + "#/" + loc }));
	return validators.get(loc);
}

let ok = 0;
const ops = new Set();
const statuses = new Set();

// An answer outside the operations, checked as a problem details object.
function problem(a) {
	let body;

	if (a.headers["content-type"] !== "application/problem+json") {
		fail(a, "not application/problem+json");
		return false;
	}
	try {
		body = JSON.parse(a.body);
	} catch (e) {
		fail(a, "not JSON: " + e.message);
		return false;
	}
	const v = validator("components/schemas/Problem");
	if (!v(body)) {
		fail(a, ajv.errorsText(v.errors));
		return false;
	}
	statuses.add(a.status);
	return true;
}

function fail(a, why) {
	console.log(`FAIL api schema: ${a.method} ${a.path} ${a.status}: ` +
		why);
}

for (const a of answers) {
	const u = new URL(a.path, "http://x/");
	const rel = u.pathname.startsWith(server + "/") ?
		u.pathname.slice(server.length) : null;
	const m = rel !== null && templates.find((x) => x.re.test(rel));
	const meth = a.method === "HEAD" ? "get" : a.method.toLowerCase();
	const op = m && doc.paths[m.t][meth];
	// No operation (an unknown path or method, a target too long to
	// read): an error, which must be a problem details object.
	if (!op && a.status >= 400) {
		if (problem(a))
			ok++;
		continue;
	}
	if (!op) {
		fail(a, "no operation in the document");
		continue;
	}
	// A shared response ($ref) is read where it is defined.
	const resp = deref(op.responses[String(a.status)]);
	if (!resp) {
		fail(a, `status not documented (${Object.keys(op.responses)})`);
		continue;
	}
	const missing = Object.keys(resp.headers || {}).filter((h) =>
		!(h.toLowerCase() in a.headers));
	if (missing.length > 0) {
		fail(a, "missing headers " + missing.join(", "));
		continue;
	}
	const content = resp.content || {};
	if (a.status === 304 || a.status === 204 || a.method === "HEAD") {
		if (a.body !== "") {
			fail(a, "a body where there is none");
			continue;
		}
	} else {
		const type = (a.headers["content-type"] || "").split(";")[0]
			.trim();
		if (!(type in content)) {
			fail(a, `media type ${type} is not ` +
				Object.keys(content).join(" or "));
			continue;
		}
		let body;
		try {
			body = JSON.parse(a.body);
		} catch (e) {
			fail(a, "not JSON: " + e.message);
			continue;
		}
		// Where the response is: in place, or a shared one.
		const r = op.responses[String(a.status)];
		const loc = (r.$ref ? r.$ref.slice(2) : pointer("paths", m.t,
			meth, "responses", a.status)) + "/" +
			pointer("content", type, "schema");
		const v = validator(loc);
		if (!v(body)) {
			fail(a, ajv.errorsText(v.errors, { separator: "; " })
				.slice(0, 600));
			continue;
		}
	}
	ok++;
	ops.add(op.operationId);
	statuses.add(a.status);
}
console.log(`api schema: ${answers.length} answers checked, ${ok} valid ` +
	`(${ops.size} operations, ${statuses.size} statuses)`);
process.exit(ok === answers.length ? 0 : 1);
