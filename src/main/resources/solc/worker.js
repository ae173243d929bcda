// filflow compiler worker: one Solidity compile per input line, one answer per output line.
// In:  {"id":1,"soljson":"/cache/solc/0.8.24/package/soljson.js","input":"<standard JSON input>"}
// Out: {"id":1,"version":"0.8.24+commit.e11b9ed9.Emscripten.clang","output":"<standard JSON output>"}
//   or {"id":1,"error":"why"}
// Loaded compilers are kept (a few, least recently used dropped) so a warm worker compiles at once.
'use strict';
const readline = require('readline');

// stdout carries the protocol only: whatever a compiler prints goes to stderr
const protocol = process.stdout.write.bind(process.stdout);
console.log = console.info = console.warn = console.error;

const MAX_LOADED = Number(process.env.FILFLOW_SOLC_LOADED || 3);
const loaded = new Map();

function compiler(path) {
  let c = loaded.get(path);
  if (c) {
    loaded.delete(path);
    loaded.set(path, c);
    return c;
  }
  const soljson = require(path);
  const version = soljson.cwrap('solidity_version', 'string', []);
  let compile;
  if (soljson._solidity_compile) {
    const raw = soljson.cwrap('solidity_compile', 'string', ['string', 'number', 'number']);
    const reset = soljson._solidity_reset ? soljson.cwrap('solidity_reset', null, []) : () => {};
    compile = (input) => { try { return raw(input, 0, 0); } finally { reset(); } };
  } else if (soljson._compileStandard) {
    const raw = soljson.cwrap('compileStandard', 'string', ['string', 'number']);
    compile = (input) => raw(input, 0);
  } else {
    throw new Error('this compiler has no standard JSON interface');
  }
  c = { version: version(), compile };
  loaded.set(path, c);
  while (loaded.size > MAX_LOADED) {
    const oldest = loaded.keys().next().value;
    loaded.delete(oldest);
    delete require.cache[require.resolve(oldest)];
  }
  return c;
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id;
    const c = compiler(request.soljson);
    protocol(JSON.stringify({ id, version: c.version, output: c.compile(request.input) }) + '\n');
  } catch (e) {
    protocol(JSON.stringify({ id, error: String(e && e.message ? e.message : e) }) + '\n');
  }
});
lines.on('close', () => process.exit(0));
