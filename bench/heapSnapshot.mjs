// A V8 heap snapshot of a page, summed by what each node is (shared by the endurance suite and
// bench/heap-diff.mjs). Used to tell a leak (objects the page's code keeps) from what the engine and
// the browser keep on their own: compiled code, and the performance timeline's entries (long tasks,
// long animation frames), whose buffers Chromium caps at 200 entries each (kDefaultLongTaskBufferSize,
// kDefaultLongAnimationFrameBufferSize in Blink's performance.cc).

const STRINGY = new Set(['string', 'number', 'concatenated string', 'sliced string']);

/** Self size and count per "type:name" in a parsed snapshot (name: constructor, function, or '' for strings and numbers). */
export function aggregate(snapshot) {
  const { meta } = snapshot.snapshot;
  const f = meta.node_fields, types = meta.node_types[0];
  const iType = f.indexOf('type'), iName = f.indexOf('name'), iSize = f.indexOf('self_size'), n = f.length;
  const out = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += n) {
    const type = types[snapshot.nodes[i + iType]];
    const name = STRINGY.has(type) ? '' : String(snapshot.strings[snapshot.nodes[i + iName]]).slice(0, 70);
    const key = `${type}:${name}`;
    const a = out.get(key) ?? { size: 0, count: 0 };
    a.size += snapshot.nodes[i + iSize];
    a.count++;
    out.set(key, a);
  }
  return out;
}

/** Which of three kinds a "type:name" group is: 'code' (V8's compiled code and its metadata), 'entries' (performance timeline entries), or 'objects' (the rest). */
export function kindOf(key) {
  if (key.startsWith('code:') || key.startsWith('object shape:')) return 'code';
  if (/^native:.*(Performan|TaskAttribution|ScriptTimingInfo)/.test(key)) return 'entries'; // names are cut at 70 characters
  return 'objects';
}

/** Garbage-collects, snapshots the page behind `cdp` and returns its groups and bytes per kind. */
export async function snapshotKinds(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  const on = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', on);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', on);
  const groups = aggregate(JSON.parse(chunks.join('')));
  const kinds = { code: 0, entries: 0, objects: 0 };
  for (const [k, v] of groups) kinds[kindOf(k)] += v.size;
  return { groups, kinds };
}

/** Groups that grew from a to b, largest first: { key, kind, dSize, dCount }. */
export function growth(a, b) {
  const keys = new Set([...a.groups.keys(), ...b.groups.keys()]);
  return [...keys].map((k) => {
    const x = a.groups.get(k) ?? { size: 0, count: 0 }, y = b.groups.get(k) ?? { size: 0, count: 0 };
    return { key: k, kind: kindOf(k), dSize: y.size - x.size, dCount: y.count - x.count };
  }).sort((p, q) => q.dSize - p.dSize);
}
