#!/usr/bin/env node
/**
 * Offline verifier of the event store's tamper evidence, for auditors: needs only the service's public
 * key (PEM, or the JSON of GET /v1/audit/public-key) and the proof files it hands out. Plain Node 20 with
 * `node:` built-ins, sharing no code with the service, so it can be read in one sitting.
 *
 *   inclusion   --proof proof.json --public-key key.pem [--checkpoint kept.json]
 *     The checkpoint is signed by the key, the leaf hashes to leafHash, the leaf is the event named, and
 *     the audit path leads from that leaf to the signed root (RFC 9162 2.1.3.2).
 *   consistency --proof consistency.json --public-key key.pem [--checkpoint kept.json]
 *     Both checkpoints are signed by the key, and the larger tree is the smaller one with events
 *     appended, none changed, removed or reordered (RFC 9162 2.1.4.2).
 *   --checkpoint: one you kept yourself; the proof's (`from` or `to`, by size) must have its size and root.
 *
 * Exit 0 when all holds; 1 with `FAIL <reason>` on stderr when anything does not; 2 for bad usage or an
 * unreadable file. Text from the files is untrusted: control and format characters print as \uXXXX.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: node tools/verify-proof.mjs inclusion|consistency --proof FILE --public-key FILE [--checkpoint FILE]';
const ORIGIN = 'cyp-social-prescribing/events';

class Fail extends Error {} // the proof did not verify: exit 1
class Usage extends Error {} // it could not be checked: exit 2

// C0 and C1 controls, DEL, and the format characters that reorder or hide text (bidi, zero-width, U+2028/9).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const printable = (text) =>
  String(text).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const say = (line) => console.log(printable(line));

// ---- RFC 9162 section 2.1: the Merkle tree -------------------------------------------------------

const sha256 = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const leafHash = (leaf) => sha256(Buffer.from([0]), leaf);
const nodeHash = (left, right) => sha256(Buffer.from([1]), left, right);
const EMPTY_ROOT = sha256();
const half = (n) => Math.floor(n / 2); // not `>> 1`: sizes may pass 2^31

/** RFC 9162 2.1.3.2: does `path` lead from leaf `index` of a `size`-leaf tree to `root`? */
function verifyInclusion(leaf, index, size, path, root) {
  if (index >= size) return false;
  let [fn, sn, r] = [index, size - 1, leaf];
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 2.1.4.2: is the `second`-leaf tree the `first`-leaf tree with leaves appended? */
function verifyConsistency(first, second, proof, firstRoot, secondRoot) {
  if (first > second) return false;
  if (first === 0) return proof.length === 0 && firstRoot.equals(EMPTY_ROOT); // every tree extends the empty one
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  // A first tree that is a complete subtree is its own first node: prepend its root.
  const path = 2 ** Math.round(Math.log2(first)) === first ? [firstRoot, ...proof] : [...proof];
  let [fn, sn] = [first - 1, second - 1];
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  let [fr, sr] = [path[0], path[0]];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      [fr, sr] = [nodeHash(c, fr), nodeHash(c, sr)];
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/** JSON with object keys sorted recursively and undefined-valued keys dropped, as the service hashes it. */
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// ---- reading and checking the files --------------------------------------------------------------

const check = (holds, reason) => {
  if (!holds) throw new Fail(reason);
};
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (n) => Number.isSafeInteger(n) && n >= 0;
const isHash = (h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h); // lowercase, as the service writes
const isTime = (t) => typeof t === 'string' && !/[\u0000-\u001f]/.test(t) && !isNaN(Date.parse(t));
const show = (v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'nothing'));
const hex = (h) => Buffer.from(h, 'hex');
const safely = (f) => {
  try {
    return f();
  } catch {
    return undefined; // a malformed signature is an invalid one; malformed JSON is checked after
  }
};

function readJson(file, what, parse = JSON.parse) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
    return parse(text);
  } catch (error) {
    throw new Usage(
      `${text === undefined ? 'cannot read' : 'cannot parse'} ${what} ${file}: ${error.message}`,
    );
  }
}

/** The Ed25519 key from a PEM file or the JSON of GET /v1/audit/public-key, and its keyId's first 16 hex. */
function loadPublicKey(file) {
  const [key, keyId] = readJson(file, 'public key', (text) => {
    const json = text.trimStart().startsWith('{') ? JSON.parse(text) : { publicKeyPem: text };
    if (json?.algorithm !== undefined && json.algorithm !== 'Ed25519') throw new Error('not an Ed25519 key');
    return [createPublicKey(json?.publicKeyPem), json.keyId];
  });
  if (key.asymmetricKeyType !== 'ed25519') throw new Usage(`public key ${file} is not an Ed25519 key`);
  const id = sha256(key.export({ type: 'spki', format: 'der' })).toString('hex'); // keyId: SHA-256 of SPKI DER
  if (keyId !== undefined && keyId !== id) throw new Usage(`public key ${file}: keyId is not the key's`);
  return { key, id: id.slice(0, 16) };
}

const HEAD = {
  version: (v) => v === 1,
  treeSize: isCount,
  rootHash: isHash,
  timestamp: isTime,
  streamsHash: isHash,
  signature: (s) => typeof s === 'string',
};

/** Checks a checkpoint head's form and its Ed25519 signature (and its streams, when present). */
function checkSigned(cp, name, publicKey) {
  check(isObject(cp), `${name} is not a checkpoint object`);
  for (const [field, valid] of Object.entries(HEAD))
    check(valid(cp[field]), `${name} has no valid ${field} (${show(cp[field])})`);
  const text = `${ORIGIN} checkpoint v${cp.version}\n${cp.treeSize}\n${cp.rootHash}\n${cp.timestamp}\n${cp.streamsHash}\n`;
  const signature = Buffer.from(cp.signature, 'base64');
  const signed = safely(() => verify(null, Buffer.from(text, 'utf8'), publicKey, signature)) === true;
  check(signed, `${name} signature is not valid for this public key (edited, or signed by another key)`);
  if (cp.streams !== undefined) {
    const streamsHash = sha256(Buffer.from(canonicalJson(cp.streams), 'utf8')).toString('hex');
    check(streamsHash === cp.streamsHash, `${name} streams are not the ones signed`);
  }
}

/** The checkpoint the auditor kept must be signed and be the proof's (same size and root). */
function checkKept(file, candidates, publicKey) {
  const kept = readJson(file, 'kept checkpoint');
  checkSigned(kept, 'kept checkpoint', publicKey);
  const same = candidates.filter((cp) => cp.treeSize === kept.treeSize);
  const proofs = candidates.map((cp) => `${cp.treeSize} events, root ${cp.rootHash}`).join(' / ');
  check(
    same.length > 0 && same.every((cp) => cp.rootHash === kept.rootHash),
    `the proof's checkpoint is not the one you kept (kept: ${kept.treeSize} events, root ${kept.rootHash}; proof: ${proofs})`,
  );
  say(`OK the proof's checkpoint of ${kept.treeSize} events is the one you kept (signed ${kept.timestamp})`);
}

const hashList = (list, name) => {
  check(Array.isArray(list) && list.every(isHash), `${name} is not a list of SHA-256 hex hashes`);
  return list.map(hex);
};

function inclusion(proof, { key, id }, keptFile) {
  check(isObject(proof), 'the proof file is not a JSON object');
  const { checkpoint: cp, leafIndex: index, treeSize: size, event } = proof;
  checkSigned(cp, 'checkpoint', key);
  say(`OK checkpoint signed by key ${id}: ${cp.treeSize} events, root ${cp.rootHash}, at ${cp.timestamp}`);
  if (keptFile) checkKept(keptFile, [cp], key);
  check(size === cp.treeSize, `the proof's treeSize ${show(size)} is not the checkpoint's ${cp.treeSize}`);
  check(isCount(index) && index < size, `leafIndex ${show(index)} is not a leaf of the ${size}-event tree`);
  check(typeof proof.leaf === 'string', 'the proof has no leaf text');
  const hash = leafHash(Buffer.from(proof.leaf, 'utf8'));
  check(
    proof.leafHash === hash.toString('hex'),
    'leafHash is not SHA-256(0x00 || leaf): the event as stored, or the proof, was altered',
  );
  const leaf = safely(() => JSON.parse(proof.leaf));
  check(isObject(leaf) && canonicalJson(leaf) === proof.leaf, 'the leaf is not a canonical JSON object');
  check(isCount(leaf.position) && isCount(leaf.version), "the leaf's position or version is not a count");
  check(
    [leaf.stream, leaf.type].every((t) => typeof t === 'string'),
    "the leaf's stream or type is not text",
  );
  check(isObject(event), 'the proof names no event');
  const recordedAt = isObject(leaf.metadata) ? leaf.metadata.recordedAt : undefined;
  const fields = { position: leaf.position, stream: leaf.stream, version: leaf.version, type: leaf.type };
  if (event.recordedAt !== undefined) fields.recordedAt = recordedAt;
  for (const [f, v] of Object.entries(fields))
    check(v === event[f], `the leaf's ${f} ${show(v)} is not the event's ${show(event[f])}`);
  check(
    verifyInclusion(hash, index, size, hashList(proof.path, 'path'), hex(cp.rootHash)),
    `the audit path does not lead from leaf ${index} to the checkpoint's root ${cp.rootHash}`,
  );
  const when = typeof recordedAt === 'string' ? `, recorded ${recordedAt}` : '';
  say(`OK leaf ${index} hashes to ${proof.leafHash} and is the event named`);
  say(
    `OK event ${leaf.version} of ${leaf.stream} (${leaf.type}${when}) is leaf ${index} of the ${size}-event tree with root ${cp.rootHash}`,
  );
}

function consistency(file, { key, id }, keptFile) {
  check(isObject(file), 'the proof file is not a JSON object');
  const { from, to } = file;
  checkSigned(from, 'from checkpoint', key);
  checkSigned(to, 'to checkpoint', key);
  const [m, n] = [from.treeSize, to.treeSize];
  say(`OK both checkpoints signed by key ${id}: ${m} events at ${from.timestamp}, ${n} at ${to.timestamp}`);
  if (keptFile) checkKept(keptFile, [from, to], key);
  check(m <= n, `from has ${m} events, more than to's ${n}`);
  const proof = hashList(file.proof, 'proof');
  check(
    verifyConsistency(m, n, proof, hex(from.rootHash), hex(to.rootHash)),
    `the proof does not show the ${n}-event tree (root ${to.rootHash}) extends the ${m}-event tree (root ${from.rootHash})`,
  );
  say(`OK the ${n}-event tree (root ${to.rootHash}) extends the ${m}-event tree (root ${from.rootHash}):`);
  say(`   its first ${m} events are unchanged and in the same order; ${n - m} were appended after them`);
}

function main(args) {
  let parsed;
  try {
    const options = {
      proof: { type: 'string' },
      'public-key': { type: 'string' },
      checkpoint: { type: 'string' },
    };
    parsed = parseArgs({ args, options, allowPositionals: true });
  } catch (error) {
    throw new Usage(error.message);
  }
  const { values, positionals } = parsed;
  const [mode, ...extra] = positionals;
  if (!['inclusion', 'consistency'].includes(mode) || extra.length > 0)
    throw new Usage('say inclusion or consistency, once');
  if (!values.proof || !values['public-key']) throw new Usage('--proof and --public-key are required');
  const publicKey = loadPublicKey(values['public-key']);
  const proof = readJson(values.proof, 'proof');
  (mode === 'inclusion' ? inclusion : consistency)(proof, publicKey, values.checkpoint);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (error instanceof Usage) {
    console.error(`${printable(error.message)}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    const reason = error instanceof Fail ? error.message : `unexpected error: ${error?.stack ?? error}`;
    console.error(`FAIL ${printable(reason)}`);
    process.exitCode = 1;
  }
}
