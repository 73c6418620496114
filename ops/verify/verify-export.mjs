// Checks an exported case against a published audit anchor with nothing but three files:
//   node verify-export.mjs <case-export.json> <anchor.json> <public-key.pem>
// written independently of the service (JavaScript, Node's crypto): RFC 8785 by its definition (JSON.stringify
// over members sorted by UTF-16 code units), the hash chain, the anchor's digest and its ES256 signature.
// Exit 0: verified; 1: a check failed (the reason is printed); 2: the files cannot be read.
import { readFileSync } from 'node:fs';
import { createHash, verify } from 'node:crypto';

const [exportPath, anchorPath, keyPath] = process.argv.slice(2);
if (!exportPath || !anchorPath || !keyPath) {
  console.error('usage: ops/verify-export <case-export.json> <anchor.json> <public-key.pem>');
  process.exit(2);
}
let exported, anchor, publicKey;
try {
  exported = JSON.parse(readFileSync(exportPath, 'utf8'));
  anchor = JSON.parse(readFileSync(anchorPath, 'utf8'));
  publicKey = readFileSync(keyPath, 'utf8');
} catch (e) {
  console.error(`cannot read the files: ${e.message}`);
  process.exit(2);
}

const fail = (why) => { console.log(`NOT VERIFIED: ${why}`); process.exit(1); };
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

// RFC 8785: JSON.stringify writes strings and numbers exactly as the scheme wants; objects are written here with
// their members sorted by UTF-16 code units (JavaScript's default sort), whatever order JavaScript keeps them in.
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
}

// 1. The anchor: its statement is signed with the key, and its digest is over the chain heads it lists.
if (!anchor.signature) fail('the anchor is not signed');
const signed = verify('sha256', Buffer.from(anchor.statement, 'utf8'), { key: publicKey, dsaEncoding: 'ieee-p1363' },
  Buffer.from(anchor.signature, 'base64'));
if (!signed) fail('the anchor\'s signature does not verify with this public key');
const statement = JSON.parse(anchor.statement);
const digest = sha256(anchor.covered.map((c) => `${c.caseId}:${c.version}:${c.head}\n`).join(''));
if (digest !== statement.digest) fail('the anchor\'s list of chain heads does not give the digest it signed');
if (anchor.covered.length !== statement.cases) fail('the anchor lists another number of cases than it signed');

// 2. The case: its entry in the anchor, and the chain recomputed from the exported rows.
const caseId = exported.caseId;
const entry = anchor.covered.find((c) => c.caseId === caseId);
if (!entry) fail(`case ${caseId} is not covered by this anchor (cut ${statement.cutAt}); use a later one`);
if (!exported.chain) fail('the export has no stored rows: export it with ?include=chain');
if (exported.chain.version !== 2) fail(`the case's chain is version ${exported.chain.version}; only version 2 (RFC 8785) is checked outside the service`);
const rows = [...exported.chain.rows].sort((a, b) => a.version - b.version);
let previous = '0'.repeat(64);
let expectedVersion = 1;
for (const row of rows) {
  if (row.version > entry.version) break;
  if (row.streamId !== caseId) fail(`row ${row.version} belongs to another stream`);
  if (row.version !== expectedVersion) fail(`the rows jump from version ${expectedVersion - 1} to ${row.version}`);
  const form = {
    id: row.id, streamId: row.streamId, version: row.version, type: row.type, data: JSON.parse(row.data),
    timestamp: row.timestamp, correlationId: row.correlationId ?? null, causationId: row.causationId ?? null,
    headers: row.headers == null ? null : JSON.parse(row.headers),
  };
  previous = sha256(previous + '\n' + canonical(form));
  expectedVersion++;
}
if (expectedVersion - 1 !== entry.version) fail(`the export ends at version ${expectedVersion - 1}; the anchor covers version ${entry.version}`);
if (previous !== entry.head) fail(`the recomputed chain head at version ${entry.version} differs from the anchor's: the history was changed`);
const later = rows.filter((r) => r.version > entry.version).length;
console.log(`VERIFIED: case ${caseId}, versions 1–${entry.version}, matches anchor ${statement.id} cut ${statement.cutAt}` +
  (later ? ` (${later} later event(s) are not covered by this anchor)` : ''));
