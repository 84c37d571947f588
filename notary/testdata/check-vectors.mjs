// Checks record-vector.json without Go: RFC 8785 (JCS) of its record must
// be its canonical text, and sha256 of JCS(record), JCS(record.request) and
// JCS(record.response) its three hashes. If statement-vector.json sits
// beside it, its statement must carry those hashes.
//
// Usage: node check-vectors.mjs [path/to/record-vector.json]
// Node 20 or later, no packages. Exits 1 on any mismatch.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// JSON.stringify writes strings and numbers exactly as RFC 8785 §3.2.2
// requires (it was written to match ECMAScript); what it lacks is member
// order, and the default sort compares UTF-16 code units, as §3.2.3 asks.
function jcs(v) {
  if (Array.isArray(v)) return '[' + v.map(jcs).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + jcs(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

const sha256 = (s) => '0x' + createHash('sha256').update(s, 'utf8').digest('hex');

const path = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'record-vector.json');
const vector = JSON.parse(readFileSync(path, 'utf8'));
const failures = [];
const canonical = jcs(vector.record);
if (canonical !== vector.canonical) {
  failures.push(`JCS of record differs from canonical:\n  got  ${canonical}\n  want ${vector.canonical}`);
}
const hashes = {
  session_hash: sha256(canonical),
  request_hash: sha256(jcs(vector.record.request)),
  response_hash: sha256(jcs(vector.record.response)),
};
for (const [name, got] of Object.entries(hashes)) {
  if (got !== vector[name]) failures.push(`${name}: sha256 is ${got}, vector says ${vector[name]}`);
}
const statementPath = join(dirname(path), 'statement-vector.json');
if (existsSync(statementPath)) {
  const st = JSON.parse(readFileSync(statementPath, 'utf8')).statement;
  for (const [field, name] of [['requestHash', 'request_hash'], ['responseHash', 'response_hash'], ['sessionHash', 'session_hash']]) {
    if (st[field] !== hashes[name]) failures.push(`statement-vector.json: statement.${field} is ${st[field]}, want ${hashes[name]}`);
  }
}
if (failures.length > 0) {
  console.error(`${path}:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`${path}: canonical text and the three hashes match`);
