// The fuzzer's inputs: named generators, each small, over the corpus manifests (test/corpus/manifests)
// and examples/. A failure report names the generator (or the chain of them) that made its input.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Alias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import { flowDepthOver } from '../../server/src/engine/analyzer';
import { corpusDir, projectRoot, yamlFiles } from '../helpers/paths';
import type { Rng } from './prng';

export interface CorpusFile {
  /** Relative to the project root. */
  name: string;
  text: string;
}

export interface Corpus {
  files: CorpusFile[];
  /** The files of at most 64 KiB: most mutations start from one of them, to keep inputs quick. */
  small: CorpusFile[];
  /** Single documents of the corpus (split on `---` lines). */
  documents: string[];
}

let loaded: Corpus | undefined;

export function loadCorpus(): Corpus {
  if (loaded) return loaded;
  const root = projectRoot();
  const files: CorpusFile[] = [];
  for (const dir of [corpusDir(), join(root, 'examples')]) {
    for (const path of yamlFiles(dir)) files.push({ name: relative(root, path), text: readFileSync(path, 'utf8') });
  }
  const small = files.filter((f) => f.text.length <= 64 * 1024);
  const documents = small.flatMap((f) => f.text.split(/^---[ \t]*$/m)).filter((d) => d.trim().length > 0 && d.length <= 16 * 1024);
  return (loaded = { files, small, documents });
}

export interface Generated {
  mutation: string;
  text: string;
}

type Mutator = (text: string, rng: Rng, corpus: Corpus) => string;

// ---------- helpers ----------

const lines = (text: string): string[] => text.split('\n');
const unlines = (list: string[]): string => list.join('\n');

/** A random run of lines [start, end). */
function lineSpan(count: number, rng: Rng): [number, number] {
  const start = rng.int(Math.max(1, count));
  return [start, Math.min(count, start + rng.small(Math.max(1, Math.min(64, count))))];
}

const SPECIALS = [
  '', ' ', '~', 'null', 'Null', 'NULL', 'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '0', '-0', '0x1F', '0o17', '017', '1e309', '-1e309', '.inf', '-.inf',
  '.nan', '1_000', '9007199254740993', '-9223372036854775809', '3.14', '1:30', '2001-12-14t21:59:43.10-05:00', '=', '<<', '*', '&', '!', '|', '>', '#', '%', '@', '`',
  '"', "'", '- ', ': ', '? ', '{', '}', '[', ']', ',', '---', '...', 'latest', 'nginx:latest', 'a/b:c@sha256:' + 'f'.repeat(64), '__proto__', 'constructor',
  'hasOwnProperty', 'toString', 'prototype', '1Gi', '100m', '0.5', '-1', '1e3', '1Ei', '999999999999999999999Pi', 'Always', 'IfNotPresent', 'RollingUpdate', '100%',
  '\u0000', '\u0085', '\u2028', '\ufeff', '\ud800', 'é', '日本語', '🙂', '\t', '\r', 'x'.repeat(300),
];

/** A value of some random YAML type, as a plain JS value for the Document API. */
function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 7 : 10)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1, 2, 3, 65535, 65536, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 0.5, 1e308, Infinity, -Infinity, NaN]);
    case 3:
    case 4:
      return rng.pick(SPECIALS);
    case 5:
      return 'x'.repeat(rng.small(4096));
    case 6:
      return rng.pick(['app', 'name', 'containers', 'image', 'kind', 'spec', 'metadata']) + rng.int(3);
    case 7:
    case 8:
      return Object.fromEntries(Array.from({ length: rng.int(4) }, () => [String(rng.pick(SPECIALS)), randomValue(rng, depth + 1)]));
    default:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
  }
}

/** Every node of a document, with how to replace it in its parent and how to remove it. */
interface Site {
  node: Node;
  /** The mapping or sequence holding it; undefined for the document's root. */
  parent: Node | undefined;
  set(next: unknown): void;
  remove(): void;
}

function sites(doc: Document): Site[] {
  const out: Site[] = [];
  visit(doc, {
    Node(key, node, path) {
      const parent = path[path.length - 1];
      if (isPair(parent)) {
        const map = path[path.length - 2];
        if (!isMap(map)) return;
        out.push({
          node: node as Node,
          parent: map as Node,
          set: (next) => (key === 'key' ? (parent.key = next) : (parent.value = next)),
          remove: () => void map.items.splice(map.items.indexOf(parent as never), 1),
        });
      } else if (isSeq(parent)) {
        out.push({ node: node as Node, parent: parent as Node, set: (next) => (parent.items[key as number] = next), remove: () => void parent.items.splice(key as number, 1) });
      } else {
        out.push({ node: node as Node, parent: undefined, set: (next) => (doc.contents = next as Document['contents']), remove: () => (doc.contents = null) });
      }
    },
  });
  return out;
}

/** Runs `change` on each document of a random one of the file's documents via the yaml Document API. */
function viaDocument(change: (doc: Document, rng: Rng) => void): Mutator {
  return (text, rng) => {
    const chunks = text.split(/^---[ \t]*$/m);
    const i = rng.int(chunks.length);
    // The parser's time grows with flow nesting and size: on an input an earlier mutation made
    // deep or huge, generating would stall (a 275 KB deep-flow text took minutes). Left as it is.
    if (chunks[i].length > 256 * 1024 || flowDepthOver(chunks[i], 200)) return text;
    const doc = parseDocument(chunks[i], { uniqueKeys: false, strict: false });
    if (doc.errors.length > 0 || !doc.contents) return text;
    change(doc as unknown as Document, rng);
    try {
      chunks[i] = (i > 0 ? '\n' : '') + doc.toString({ lineWidth: 0 });
    } catch {
      return text;
    }
    return chunks.join('---');
  };
}

// ---------- the mutations ----------

const insertAtLine = (text: string, rng: Rng, insert: string): string => {
  const list = lines(text);
  list.splice(rng.int(list.length + 1), 0, insert);
  return unlines(list);
};

const insertAtOffset = (text: string, rng: Rng, insert: string): string => {
  const at = rng.int(text.length + 1);
  return text.slice(0, at) + insert + text.slice(at);
};

/** Indentation of a random line, to splice text in at that level. */
const indentOf = (line: string | undefined): string => /^[ \t]*/.exec(line ?? '')![0];

export const MUTATIONS: Record<string, Mutator> = {
  'delete-lines': (text, rng) => {
    const list = lines(text);
    const [a, b] = lineSpan(list.length, rng);
    list.splice(a, b - a);
    return unlines(list);
  },
  'duplicate-lines': (text, rng) => {
    const list = lines(text);
    const [a, b] = lineSpan(list.length, rng);
    list.splice(rng.int(list.length + 1), 0, ...list.slice(a, b));
    return unlines(list);
  },
  'swap-lines': (text, rng) => {
    const list = lines(text);
    for (let n = rng.small(8); n > 0; n--) {
      const a = rng.int(list.length);
      const b = rng.chance(0.5) ? Math.min(list.length - 1, a + 1) : rng.int(list.length);
      [list[a], list[b]] = [list[b], list[a]];
    }
    return unlines(list);
  },
  reindent: (text, rng) => {
    const list = lines(text);
    const [a, b] = lineSpan(list.length, rng);
    const delta = rng.pick([-4, -2, -1, 1, 2, 3, 4, 8]);
    for (let i = a; i < b; i++) list[i] = delta > 0 ? ' '.repeat(delta) + list[i] : list[i].replace(new RegExp(`^ {0,${-delta}}`), '');
    return unlines(list);
  },
  'replace-scalar': viaDocument((doc, rng) => {
    const all = sites(doc).filter((s) => isScalar(s.node));
    for (let n = rng.small(4); n > 0 && all.length; n--) rng.pick(all).set(doc.createNode(randomValue(rng)));
  }),
  'replace-node': viaDocument((doc, rng) => {
    const all = sites(doc);
    if (all.length) rng.pick(all).set(doc.createNode(randomValue(rng)));
  }),
  'delete-node': viaDocument((doc, rng) => {
    const all = sites(doc).filter((s) => s.parent);
    // One at a time: removing shifts the sequence indices the other sites hold.
    if (all.length) rng.pick(all).remove();
  }),
  'set-k8s-field': viaDocument((doc, rng) => {
    const paths: string[][] = [
      ['kind'], ['apiVersion'], ['metadata'], ['metadata', 'name'], ['metadata', 'namespace'], ['metadata', 'labels'], ['metadata', 'annotations'], ['spec'],
      ['spec', 'replicas'], ['spec', 'selector'], ['spec', 'selector', 'matchLabels'], ['spec', 'template'], ['spec', 'template', 'metadata', 'labels'],
      ['spec', 'template', 'spec'], ['spec', 'template', 'spec', 'containers'], ['spec', 'containers'], ['spec', 'template', 'spec', 'volumes'],
      ['spec', 'template', 'spec', 'securityContext'], ['spec', 'ports'], ['spec', 'minAvailable'], ['spec', 'maxReplicas'], ['spec', 'scaleTargetRef'], ['rules'],
      ['subjects'], ['roleRef'], ['data'], ['stringData'], ['spec', 'jobTemplate'], ['spec', 'strategy'], ['spec', 'template', 'spec', 'affinity'],
    ];
    const path = rng.pick(paths);
    const value = rng.chance(0.3) && path[path.length - 1] === 'kind'
      ? rng.pick(['Deployment', 'Pod', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'Role', 'ClusterRoleBinding', 'Secret', 'ConfigMap', 'List'])
      : randomValue(rng);
    try {
      doc.setIn(path, doc.createNode(value));
    } catch {
      /* a scalar in the way: leave it */
    }
  }),
  'containers-shape': viaDocument((doc, rng) => {
    // Containers are where most rules look: give them odd shapes.
    const container = rng.pick([
      null, 'nginx', [], {}, { name: 'c' }, { image: null }, { name: ['x'], image: { a: 1 } }, { name: 'c', image: 'x:latest', resources: rng.pick([null, 'x', [], { limits: 'x' }, { requests: { cpu: [] } }]) },
      { name: 'c', securityContext: rng.pick([null, true, { capabilities: 'ALL' }, { capabilities: { add: 'ALL', drop: null } }, { runAsUser: '0', privileged: 'true' }]) },
      { name: 'c', ports: rng.pick([null, 'x', [80], [{ containerPort: 'http' }]]), livenessProbe: rng.pick([null, 'x', {}, { httpGet: { port: [] } }]) },
      { name: 'c', env: rng.pick([null, 'x', [null], [{ name: 'A', valueFrom: { secretKeyRef: 'x' } }]]), volumeMounts: rng.pick([null, 'x', [{}], [{ mountPath: ['/'] }]]) },
    ]);
    const where = rng.pick([['spec', 'template', 'spec', 'containers'], ['spec', 'containers'], ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers'], ['spec', 'template', 'spec', 'initContainers']]);
    try {
      doc.setIn(where, doc.createNode(rng.chance(0.2) ? container : [container, randomValue(rng)]));
    } catch {
      /* leave it */
    }
  }),
  'anchor-alias': viaDocument((doc, rng) => {
    const all = sites(doc);
    if (all.length < 2) return;
    const target = rng.pick(all);
    const anchor = `a${rng.int(1000)}`;
    target.node.anchor = anchor;
    const alias = new Alias(anchor);
    // Anywhere, the target's own descendants included: a cycle.
    rng.pick(all.filter((s) => s !== target)).set(alias);
  }),
  'merge-key': viaDocument((doc, rng) => {
    const maps = sites(doc).filter((s) => isMap(s.node));
    if (maps.length === 0) return;
    const source = rng.pick(maps);
    const anchor = `m${rng.int(1000)}`;
    source.node.anchor = anchor;
    // Into any mapping, its own one and its descendants included (a self-referencing merge).
    const into = rng.pick(maps);
    if (isMap(into.node)) into.node.items.push(doc.createPair(new Scalar('<<'), new Alias(anchor)) as never);
  }),
  'merge-key-text': (text, rng) => {
    // The issue's own shape, and relatives, spliced in as text.
    const snippets = [
      'metadata: &m {name: x, <<: *m}',
      'metadata: &m\n  name: x\n  <<: *m',
      'spec: &s\n  template: &t\n    spec:\n      <<: *s\n      containers: [{name: c, image: x, <<: *t}]',
      'metadata: &m {name: x, labels: &l {<<: [*l, *m]}}',
      'a: &a [*a]',
      'a: &a {b: *a}',
      '<<: *undefined',
      'x: &x {<<: {<<: {<<: *x}}}',
      'spec: &s {selector: {matchLabels: *s}, template: {metadata: {labels: *s}}}',
    ];
    const snippet = rng.pick(snippets);
    if (rng.chance(0.5)) return `${snippet}\n${text}`;
    const list = lines(text);
    const at = rng.int(list.length + 1);
    const indent = indentOf(list[at]);
    list.splice(at, 0, ...snippet.split('\n').map((l) => indent + l));
    return unlines(list);
  },
  'alias-bomb': (_text, rng) => {
    const width = rng.range(2, 10);
    const depth = rng.range(3, 12);
    const out = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: bomb', '  labels: &l0 {a: b}', 'data:'];
    out.push(`  l0: &d0 "${'x'.repeat(rng.small(64))}"`);
    for (let i = 1; i <= depth; i++) out.push(`  l${i}: &d${i} [${Array.from({ length: width }, () => `*d${i - 1}`).join(', ')}]`);
    out.push(`spec:\n  template:\n    metadata:\n      labels: *d${depth}\n    spec:\n      containers: *d${depth}`);
    return unlines(out);
  },
  tabs: (text, rng) => {
    const list = lines(text);
    const [a, b] = lineSpan(list.length, rng);
    for (let i = a; i < b; i++) list[i] = rng.chance(0.5) ? list[i].replace(/^( +)/, (s) => '\t'.repeat(Math.max(1, s.length >> 1))) : list[i].replace(/: /, ':\t');
    return unlines(list);
  },
  bom: (text, rng) => (rng.chance(0.5) ? '\ufeff' + text : insertAtLine(text, rng, rng.pick(['\ufeff---', '\ufeff', '---\n\ufeffkind: Pod']))),
  crlf: (text, rng) => (rng.chance(0.6) ? text.replace(/\n/g, '\r\n') : rng.chance(0.5) ? text.replace(/\n/g, '\r') : text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r']))),
  'control-chars': (text, rng) => {
    let out = text;
    for (let n = rng.small(16); n > 0; n--) {
      const c = rng.chance(0.7) ? String.fromCharCode(rng.int(32)) : rng.pick(['\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufffe', '\uffff', '\ud800', '\udc00', '\u200b', '\u0000']);
      out = insertAtOffset(out, rng, c);
    }
    return out;
  },
  'mega-scalar': (text, rng) => {
    const size = rng.chance(0.8) ? rng.range(100_000, 1_000_000) : rng.range(1_000_000, 3_000_000);
    const body = rng.pick(['x', 'ab ', '\\n', "'", 'é', ' ']).repeat(Math.ceil(size / 3)).slice(0, size);
    const form = rng.int(5);
    const value =
      form === 0 ? body.replace(/^[ '\\]+/, 'x') : form === 1 ? `"${body.replace(/"/g, '')}"` : form === 2 ? `'${body.replace(/'/g, "''")}'` : form === 3 ? `|\n    ${body.replace(/ /g, 'y')}` : `>-\n    ${body}`;
    const key = rng.pick(['image', 'name', 'command', 'description', 'value', 'data']);
    const list = lines(text);
    const at = rng.int(list.length + 1);
    list.splice(at, 0, `${indentOf(list[at])}${key}: ${value}`);
    return unlines(list);
  },
  'mega-key': (text, rng) => insertAtLine(text, rng, `${'k'.repeat(rng.range(1025, 200_000))}: v`),
  'deep-flow': (text, rng) => {
    const depth = rng.chance(0.7) ? rng.range(50, 2000) : rng.range(2000, 60_000);
    const [open, close] = rng.pick([['[', ']'], ['{a: ', '}'], ['[{x: ', '}]']]);
    const nested = open.repeat(depth) + (rng.chance(0.8) ? close.repeat(depth) : '');
    return insertAtLine(text, rng, `${rng.pick(['spec', 'containers', 'labels', 'x'])}: ${nested}`);
  },
  'deep-block': (_text, rng) => {
    const depth = rng.chance(0.8) ? rng.range(20, 300) : rng.range(300, 1200);
    const seq = rng.chance(0.5);
    const out = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: deep}', 'spec:'];
    for (let i = 1; i <= depth; i++) out.push(`${' '.repeat(i)}${seq ? '- ' : `k${i}:`}`);
    out.push(`${' '.repeat(depth + 2)}leaf`);
    return unlines(out);
  },
  'many-documents': (text, rng, corpus) => {
    const count = rng.chance(0.8) ? rng.range(100, 2000) : rng.range(2000, 6000);
    const docs = [text];
    while (docs.length < count) docs.push(rng.chance(0.7) ? docs[docs.length - 1] : rng.pick(corpus.documents));
    let out = docs.join('\n---\n');
    if (out.length > 1_200_000 && rng.chance(0.8)) out = out.slice(0, 1_000_000);
    return out;
  },
  'empty-documents': (_text, rng) => Array.from({ length: rng.range(1, 5000) }, () => rng.pick(['---', '...', '--- ', '--- |', '--- #c', '', '%YAML 1.2\n---', '--- !!map'])).join('\n'),
  'random-bytes': (_text, rng) => {
    const bytes = Buffer.alloc(rng.small(65536));
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
    return rng.chance(0.5) ? bytes.toString('utf8') : bytes.toString('latin1');
  },
  'random-tokens': (_text, rng) => {
    const tokens = ['\n', '\n  ', '\n- ', ': ', '- ', '? ', '{', '}', '[', ']', ', ', '&a ', '*a', '!!str ', '!x ', '|', '>-', '#c', '%YAML 1.1\n', '---\n', '...\n', '"', "'", 'kind', 'Pod', 'apiVersion', 'v1', 'spec', 'containers', 'name', 'image', '<<', '\t', ' ', 'x'];
    return Array.from({ length: rng.small(2000) }, () => rng.pick(tokens)).join('');
  },
  'byte-flip': (text, rng) => {
    let out = text;
    for (let n = rng.small(32); n > 0 && out.length > 0; n--) {
      const at = rng.int(out.length);
      out = out.slice(0, at) + String.fromCharCode(rng.int(128)) + out.slice(at + 1);
    }
    return out;
  },
  'syntax-chars': (text, rng) => {
    let out = text;
    for (let n = rng.small(8); n > 0; n--) out = insertAtOffset(out, rng, rng.pick([':', '- ', '? ', '{', '}', '[', ']', ',', '&x', '*x', '!', '|', '>', '#', '"', "'", '%', '@', '`', '\n---\n', '\n...\n', '<<: ']));
    return out;
  },
  tags: (text, rng) => {
    let out = text;
    for (let n = rng.small(6); n > 0; n--) {
      out = out.replace(/: /g, (m) => (rng.chance(0.05) ? `: ${rng.pick(['!!str', '!!int', '!!map', '!!seq', '!!binary', '!!timestamp', '!!set', '!!omap', '!!pairs', '!!float', '!!bool', '!!null', '!custom', '!<tag:x>'])} ` : m));
    }
    return out;
  },
  directives: (text, rng) => `${rng.pick(['%YAML 1.1', '%YAML 1.2', '%YAML 9.9', '%TAG ! tag:x:', '%FOO bar'])}\n${rng.chance(0.7) ? '---\n' : ''}${text}`,
  splice: (text, rng, corpus) => {
    const other = lines(rng.pick(corpus.small).text);
    const list = lines(text);
    const [a, b] = lineSpan(other.length, rng);
    list.splice(rng.int(list.length + 1), rng.int(4), ...other.slice(a, b));
    return unlines(list);
  },
  'join-files': (text, rng, corpus) => [text, ...Array.from({ length: rng.range(1, 4) }, () => rng.pick(corpus.small).text)].join(rng.pick(['\n---\n', '---\n', '\n'])),
  'duplicate-keys': (text, rng) => {
    const list = lines(text);
    const keyed = list.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w.-]+:/.test(l));
    if (keyed.length === 0) return text;
    const [line, i] = rng.pick(keyed);
    list.splice(i + 1, 0, line.replace(/:.*/, `: ${String(rng.pick(SPECIALS))}`));
    return unlines(list);
  },
  truncate: (text, rng) => text.slice(0, rng.int(text.length + 1)),
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** What a mutation starts from: a whole small file, one document, or a few. */
function base(rng: Rng, corpus: Corpus): string {
  const roll = rng.int(10);
  if (roll < 4) return rng.pick(corpus.small).text;
  if (roll < 9) return rng.pick(corpus.documents);
  return rng.pick(corpus.files).text;
}

/** Input `index` of run `seed`: a base text and one to four named mutations applied in turn. */
export function generate(rng: Rng, corpus: Corpus): Generated {
  const names: string[] = [];
  let text = base(rng, corpus);
  const count = rng.chance(0.6) ? 1 : rng.range(2, 4);
  for (let i = 0; i < count; i++) {
    const name = rng.pick(MUTATION_NAMES);
    names.push(name);
    text = MUTATIONS[name](text, rng, corpus);
  }
  return { mutation: names.join('+'), text };
}
