#!/usr/bin/env node
// Reads multi-document YAML (rendered manifests) on stdin and validates every object against the Kubernetes
// schema of its apiVersion/kind with kubernetes-models. Prints one line per problem; exits 1 if any.
import { parseAllDocuments } from "yaml";
const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

let objects = 0;
const problems = [];
for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    problems.push(`YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const object = document.toJS();
  if (!object) continue;
  objects++;
  const { apiVersion, kind } = object;
  const name = `${kind}/${object.metadata?.name}`;
  let Model;
  try {
    Model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
  } catch {
    problems.push(`${name}: unknown apiVersion/kind ${apiVersion}/${kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${name}: ${error.message}`);
  }
}

for (const problem of problems) console.log(problem);
console.log(`${objects} objects, ${problems.length} problems`);
process.exit(problems.length === 0 && objects > 0 ? 0 : 1);
