// Rewrites one cell so its top-level declarations land in the kernel's shared scope, the way a
// Jupyter cell's globals outlive the cell. The cell then runs as `with (scope) { … }` inside an async
// function: `const`/`let` become `var` (an initialiser inside `with` assigns to the scope property
// when the scope already has it), function and class declarations are copied into the scope right
// after their statement, and a final expression becomes the cell's value. Every rewrite keeps line
// numbers, so an error's line is the line in the editor.

import { parse } from 'acorn';

type Node = { type: string; start: number; end: number; [k: string]: unknown };
type PatternNode = { type: string; [k: string]: unknown };

export class CellSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'SyntaxError';
  }
}

export interface TransformedCell {
  body: string; // the function body to run with (__scope) in hand
  declared: string[]; // names the cell declares at top level
}

/** Every name a binding pattern (`a`, `{ a, b: [c] }`, `...d`, `e = 1`) declares, added to `out`. */
export function patternNames(p: PatternNode | null | undefined, out: { add(name: string): unknown }): void {
  if (!p) return;
  switch (p.type) {
    case 'Identifier': out.add(p.name as string); break;
    case 'ObjectPattern':
      for (const prop of p.properties as PatternNode[]) patternNames((prop.type === 'RestElement' ? prop.argument : prop.value) as PatternNode, out);
      break;
    case 'ArrayPattern': for (const el of p.elements as (PatternNode | null)[]) patternNames(el, out); break;
    case 'RestElement': patternNames(p.argument as PatternNode, out); break;
    case 'AssignmentPattern': patternNames(p.left as PatternNode, out); break;
  }
}

export function transformCell(code: string): TransformedCell {
  let program: Node;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true, locations: true }) as unknown as Node;
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number } };
    throw new CellSyntaxError(err.message.replace(/\s*\(\d+:\d+\)$/, ''), err.loc?.line ?? 1);
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const declared: string[] = [];
  const body = program.body as Node[];
  body.forEach((stmt, i) => {
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations as Node[]) patternNames(d.id as Node, { add: (n: string) => declared.push(n) });
      const kind = stmt.kind as string;
      if (kind !== 'var') edits.push({ start: stmt.start, end: stmt.start + kind.length, text: 'var'.padEnd(kind.length, ' ') });
    } else if ((stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') && stmt.id) {
      const name = (stmt.id as Node).name as string;
      declared.push(name);
      edits.push({ start: stmt.end, end: stmt.end, text: `;__scope[${JSON.stringify(name)}] = ${name};` });
    } else if (i === body.length - 1 && stmt.type === 'ExpressionStatement') {
      // the statement, not its expression: `(1 + 2)` and `({ loss })` keep their own parentheses
      const end = code[stmt.end - 1] === ';' ? stmt.end - 1 : stmt.end;
      edits.push({ start: stmt.start, end: stmt.start, text: 'return (' });
      edits.push({ start: end, end, text: ')' });
    }
  });
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = code;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { body: out, declared };
}
