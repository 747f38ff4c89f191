// Mermaid's own parser on `journey` diagrams, for tests/test_mermaid_parser.py.
//
//   node parse-journey.mjs [FILE...]   no FILE (or -): stdin; one FILE: an object; more: a list
//   node parse-journey.mjs --jsonl     each stdin line a diagram as a JSON string, each stdout
//                                      line its result, in order (one Node start-up for many)
//
// Each diagram goes the way `mermaid.render` takes it up to the drawing (preprocessing, diagram
// detection, the journey grammar and its database), via mermaid.mermaidAPI.getDiagramFromText.
// A result:
//
//   {"type": "journey", "title": ..., "titleSource": ..., "accTitle": ..., "accDescription": ...,
//    "sections": [...], "tasks": [{"section", "task", "score", "people"}], "actors": [...]}
//
// `title` is the database's (sanitized as Mermaid shows it), `titleSource` the text the grammar
// read after `title ` (null without a title line). A diagram Mermaid cannot parse gives
// {"error": message}; for FILE arguments the exit status is then 1 (2 for a bad invocation).
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { JSDOM } from "jsdom";

// DOMPurify, which Mermaid sanitizes titles with, binds to `window` when it loads (without one
// it has no addHook and Mermaid throws): give it jsdom's before Mermaid is imported. Parsing
// needs nothing more of a browser; `document` is there for anything that looks for it.
const { window } = new JSDOM("<!DOCTYPE html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;

// Stdout carries only the JSON: whatever Mermaid logs goes to stderr.
for (const level of ["log", "info", "debug", "warn", "trace"]) console[level] = console.error;

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

// The title as the grammar hands it to the database, before the database sanitizes it.
let titleSource = null;
const probe = await mermaid.mermaidAPI.getDiagramFromText("journey\n");
const journeyDb = probe.db;
const setDiagramTitle = journeyDb.setDiagramTitle;
journeyDb.setDiagramTitle = (text) => {
  titleSource = text;
  return setDiagramTitle(text);
};

async function parseJourney(text) {
  titleSource = null;
  let diagram;
  try {
    diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
  if (diagram.type !== "journey") {
    return { error: `not a journey diagram: ${diagram.type}`, type: diagram.type };
  }
  const db = diagram.db;
  // getTasks appends the parsed tasks to its list each time it is called: call it once.
  const tasks = db.getTasks().map((t) => ({
    section: t.section,
    task: t.task,
    score: t.score,
    people: t.people,
  }));
  return {
    type: diagram.type,
    title: db.getDiagramTitle(),
    titleSource,
    accTitle: db.getAccTitle(),
    accDescription: db.getAccDescription(),
    sections: [...db.getSections()],
    tasks,
    actors: db.getActors(),
  };
}

const args = process.argv.slice(2);
if (args[0] === "--jsonl" && args.length === 1) {
  // One diagram per stdin line (a JSON string), one result per stdout line, in order: one
  // Node start-up for as many diagrams as the caller likes.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let result;
    try {
      result = await parseJourney(JSON.parse(line));
    } catch (error) {
      result = { error: `bad request: ${error?.message ?? error}` };
    }
    process.stdout.write(JSON.stringify(result) + "\n");
  }
} else if (args.some((a) => a.startsWith("-") && a !== "-")) {
  process.stderr.write(
    "usage: node parse-journey.mjs [FILE...]   (no FILE, or -: stdin)\n" +
      "       node parse-journey.mjs --jsonl    (a JSON string a line in, a result a line out)\n",
  );
  process.exit(2);
} else {
  const sources = args.length === 0 ? ["-"] : args;
  const results = [];
  for (const source of sources) {
    results.push(await parseJourney(readFileSync(source === "-" ? 0 : source, "utf8")));
  }
  process.stdout.write(JSON.stringify(sources.length === 1 ? results[0] : results) + "\n");
  process.exitCode = results.some((r) => "error" in r) ? 1 : 0;
}
